// The sign-in decision, apart from Auth.js so it can be tested with a real database: throttle
// → password (argon2id; a dummy hash when the email is unknown, so timing says nothing) →
// second factor (TOTP, or a one-time recovery code) → a new session row. Every outcome that
// matters to a security review is an audit row with the IP and user agent.
import "server-only";
import type { Db } from "@/lib/db-client";
import { verifyPassword } from "@/lib/auth/password";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { createSession } from "@/lib/auth/sessions";
import { THROTTLE, accountKey, clearFailures, ipKey, lockedUntil, recordFailure } from "@/lib/auth/throttle";
import { OTP_PATTERN, normaliseRecoveryCode, openTotpSecret, verifyTotpCode } from "@/lib/auth/totp";
import { writeAudit } from "@/lib/commands/audit";

export type SignInInput = { email: string; password: string; otp?: string | null };

export type SignInOutcome =
  | { ok: true; userId: string; sessionId: string }
  /** invalid: wrong email or password (one answer for both); otpRequired: the password was right, a code is needed. */
  | { ok: false; reason: "invalid" | "throttled" | "otpRequired" | "otpInvalid"; retryAt?: Date };

export async function authenticate(db: Db, input: SignInInput, meta: RequestMeta): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase();
  const keys = [{ key: accountKey(email), limit: THROTTLE.accountFailures }, ...(meta.ip ? [{ key: ipKey(meta.ip), limit: THROTTLE.ipFailures }] : [])];
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, bankId: true, passwordHash: true, isActive: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true },
  });
  const audit = (action: string, after: Record<string, string | null>) =>
    writeAudit(db, {
      actorId: user?.id ?? null, bankId: user?.bankId ?? null, action,
      entityType: "user", entityId: user?.id ?? email.slice(0, 64), after: { email, ...after }, ip: meta.ip, userAgent: meta.userAgent,
    });
  const fail = async (reason: "invalid" | "otpInvalid", why: string): Promise<SignInOutcome> => {
    await recordFailure(db, keys);
    await audit("auth.sign_in_failed", { why });
    const retryAt = await lockedUntil(db, keys.map((k) => k.key));
    return retryAt ? { ok: false, reason: "throttled", retryAt } : { ok: false, reason };
  };

  const locked = await lockedUntil(db, keys.map((k) => k.key));
  if (locked) {
    await audit("auth.sign_in_throttled", { until: locked.toISOString() });
    return { ok: false, reason: "throttled", retryAt: locked };
  }
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !passwordOk || !user.isActive) return fail("invalid", !user ? "unknown_email" : !passwordOk ? "password" : "disabled");

  let method = "password";
  if (user.totpEnabledAt) {
    const otp = (input.otp ?? "").trim().replace(/\s+/g, "");
    if (!otp) return { ok: false, reason: "otpRequired" };
    if (OTP_PATTERN.test(otp)) {
      const secret = openTotpSecret(user.totpSecret);
      const checked = secret ? await verifyTotpCode(secret, otp, user.totpLastStep) : { ok: false as const };
      // The step is stored only if no concurrent sign-in stored it first: a code works once.
      const stored = checked.ok
        ? await db.$executeRaw`UPDATE users SET totp_last_step = ${checked.step}
            WHERE id = ${user.id}::uuid AND (totp_last_step IS NULL OR totp_last_step < ${checked.step})`
        : 0;
      if (stored === 0) return fail("otpInvalid", "otp");
      method = "password+totp";
    } else {
      const code = normaliseRecoveryCode(otp);
      if (!code || !(await spendRecoveryCode(db, user.id, code))) return fail("otpInvalid", "recovery_code");
      method = "password+recovery_code";
    }
  }

  await clearFailures(db, accountKey(email));
  const sessionId = await createSession(db, user.id, meta);
  await audit("auth.sign_in", { method, sessionId });
  return { ok: true, userId: user.id, sessionId };
}

/** Marks a matching unused recovery code used (once, even under concurrent sign-ins). */
async function spendRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const codes = await db.recoveryCode.findMany({ where: { userId, usedAt: null }, select: { id: true, codeHash: true } });
  for (const candidate of codes) {
    if (await verifyPassword(candidate.codeHash, code)) {
      const used = await db.recoveryCode.updateMany({ where: { id: candidate.id, usedAt: null }, data: { usedAt: new Date() } });
      return used.count === 1;
    }
  }
  return false;
}
