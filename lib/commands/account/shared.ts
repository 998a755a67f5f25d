// Pieces the account commands share: the password policy as field errors, the caller's own
// user row, recovery codes (hashed before the transaction: argon2 is slow on purpose), and the
// request context every security audit row carries.
import type { Tx } from "@/lib/db-client";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem, type PasswordProblem } from "@/lib/auth/password-policy";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { THROTTLE, clearFailures, lockedUntil, recordFailure } from "@/lib/auth/throttle";
import { newRecoveryCodes } from "@/lib/auth/totp";
import { AppError } from "@/lib/errors";

/** Where the call came from: the caller's own sign-in session (kept open) and the request meta. */
export type AccountContext = { sessionId?: string | null; meta?: RequestMeta };

export const auditMeta = (ctx: AccountContext | undefined) => ({ ip: ctx?.meta?.ip ?? null, userAgent: ctx?.meta?.userAgent ?? null });

const PROBLEM_KEYS: Record<PasswordProblem, string> = {
  tooShort: "passwordTooShort",
  tooLong: "passwordTooLong",
  common: "passwordCommon",
  containsEmail: "passwordContainsEmail",
};

/** Refuses a new password the policy rejects, with the reason on the `password` field. */
export function requireGoodPassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new AppError("INVALID_INPUT", "invalidInput", { password: [PROBLEM_KEYS[problem]] });
}

function wrongCurrentPassword(): AppError {
  return new AppError("RULE_VIOLATION", "currentPasswordWrong", { currentPassword: ["currentPasswordWrong"] });
}

/**
 * Checks the current password typed to confirm a security change. Guessing it from a session
 * left open is throttled like sign-in (5 failures in 15 minutes lock, for a growing time),
 * under a key of its own, so it does not lock the account's sign-in.
 */
export async function requireCurrentPassword(user: { id: string; passwordHash: string }, password: string): Promise<void> {
  const key = `reauth:${user.id}`;
  if (await lockedUntil(db, [key])) throw new AppError("RULE_VIOLATION", "tooManyAttempts", { currentPassword: ["tooManyAttempts"] });
  if (await verifyPassword(user.passwordHash, password)) {
    await clearFailures(db, key);
    return;
  }
  await recordFailure(db, [{ key, limit: THROTTLE.accountFailures }]);
  throw wrongCurrentPassword();
}

export function wrongOtp(): AppError {
  return new AppError("RULE_VIOLATION", "otpWrong", { code: ["otpWrong"] });
}

/** The security-relevant columns of the caller's own user row (an active user: the session said so). */
export async function ownUser(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true, email: true, bankId: true, role: true, isAdmin: true, isActive: true, passwordHash: true, mustChangePassword: true,
      totpSecret: true, totpEnabledAt: true, totpLastStep: true, bank: { select: { requireTotp: true } },
    },
  });
  if (!user || !user.isActive) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  return user;
}

/** Ten new recovery codes: the plain codes (shown once) and their argon2id hashes (stored). */
export async function recoveryCodePairs(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = newRecoveryCodes();
  const hashes = await Promise.all(codes.map((code) => hashPassword(code)));
  return { codes, hashes };
}

/** Replaces every recovery code of the user (used or not) with the new hashes. */
export async function replaceRecoveryCodes(tx: Tx, userId: string, hashes: string[]): Promise<void> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash })) });
}
