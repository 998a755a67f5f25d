// The password policy (issue 11; OWASP ASVS 2.1): at least 12 characters, at most 128, not one
// of ~49,000 common passwords (the list zxcvbn-ts ships, @zxcvbn-ts/language-common), and not
// the account's email or its local part. No composition rules: length and the list do the work.
import { dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export type PasswordProblem = "tooShort" | "tooLong" | "common" | "containsEmail";

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "tooShort";
  if (length > PASSWORD_MAX) return "tooLong";
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "common";
  const address = email.trim().toLowerCase();
  const local = address.split("@")[0] ?? "";
  if (lower.includes(address) || (local.length >= 4 && lower.includes(local))) return "containsEmail";
  return null;
}
