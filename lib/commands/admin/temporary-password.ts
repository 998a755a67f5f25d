// A temporary password for a new user or after a reset: shown once to the admin, stored only
// as an argon2id hash; the user must set their own at first sign-in (mustChangePassword).
import { randomInt } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";

// No 0/O, 1/l/I: read aloud or copied by hand without mistakes.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
const GROUPS = 4;
const GROUP_LENGTH = 5;

/** 20 random characters in groups of five (≈ 116 bits), e.g. "Kp7wR-x2Nq9-…". */
export function newTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g += 1) {
    let group = "";
    for (let i = 0; i < GROUP_LENGTH; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}

export async function temporaryCredentials(): Promise<{ password: string; hash: string }> {
  const password = newTemporaryPassword();
  return { password, hash: await hashPassword(password) };
}
