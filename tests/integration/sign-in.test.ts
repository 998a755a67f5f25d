// Sign-in as a security review probes it (issue 11): throttling that holds across processes
// (state in PostgreSQL), a second factor that cannot be replayed, recovery codes that work
// once, sessions that end, and an audit row for every outcome.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { authenticate } from "@/lib/auth/sign-in";
import { endSession, endUserSessions, resolveSession } from "@/lib/auth/sessions";
import { THROTTLE, accountKey } from "@/lib/auth/throttle";
import { currentTotpCode, newRecoveryCodes, newTotpSecret, sealTotpSecret } from "@/lib/auth/totp";
import { createBank, createBranch, createUser, DEMO_PASSWORD } from "@/prisma/seed/factories";

process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";

let bankId: string;
let branchId: string;
beforeAll(async () => {
  const tag = randomUUID().slice(0, 8);
  bankId = (await createBank(db, { code: `S-${tag}`, name: `登录银行${tag}`, nameEn: `Sign-in bank ${tag}` })).id;
  branchId = (await createBranch(db, { bankId, code: "S1", name: "登录支行", nameEn: "Sign-in branch", countyCode: "330483" })).id;
});

const meta = (ip = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) => ({ ip, userAgent: "vitest" });

async function manager(extra: { isActive?: boolean } = {}) {
  return createUser(db, { email: `m.${randomUUID().slice(0, 8)}@shoudai.test`, name: "客户经理", role: "ACCOUNT_MANAGER", bankId, branchId, ...extra });
}

async function enrolled() {
  const user = await createUser(db, { email: `hq.${randomUUID().slice(0, 8)}@shoudai.test`, name: "分行", role: "BANK_HEAD_OFFICE", bankId });
  const secret = newTotpSecret();
  await db.user.update({ where: { id: user.id }, data: { totpSecret: sealTotpSecret(secret), totpEnabledAt: new Date() } });
  return { user, secret };
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await db.auditLog.findMany({ where: { entityType: "user", entityId }, orderBy: { id: "asc" }, select: { action: true } });
  return rows.map((r) => r.action);
}

describe("throttling", () => {
  it("after 5 wrong passwords the account is locked: the right password is refused too, and every attempt is audited", async () => {
    const user = await manager();
    const ip = meta();
    for (let i = 0; i < 5; i++) {
      const outcome = await authenticate(db, { email: user.email, password: `wrong-${i}` }, ip);
      expect(outcome.ok).toBe(false);
    }
    const locked = await authenticate(db, { email: user.email, password: DEMO_PASSWORD }, ip);
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
    if (locked.ok) return;
    expect(locked.retryAt!.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a === "auth.sign_in_failed")).toHaveLength(5);
    expect(actions.at(-1)).toBe("auth.sign_in_throttled");
    const row = await db.auditLog.findFirst({ where: { entityId: user.id, action: "auth.sign_in_failed" } });
    expect(row).toMatchObject({ ip: ip.ip, userAgent: "vitest", bankId });
  });

  it("an unknown email is answered exactly like a wrong password, and is locked the same way", async () => {
    const email = `nobody.${randomUUID().slice(0, 8)}@shoudai.test`;
    const known = await manager();
    const ip = meta();
    const unknownAnswer = await authenticate(db, { email, password: "whatever-it-is" }, ip);
    const wrongAnswer = await authenticate(db, { email: known.email, password: "whatever-it-is" }, ip);
    expect(unknownAnswer).toEqual(wrongAnswer);
    for (let i = 0; i < 4; i++) await authenticate(db, { email, password: "whatever-it-is" }, ip);
    expect(await authenticate(db, { email, password: "whatever-it-is" }, ip)).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("one IP trying many accounts hits the per-IP bound; another IP is not affected", async () => {
    const ip = meta();
    for (let i = 0; i < THROTTLE.ipFailures; i++) {
      await authenticate(db, { email: `spray.${i}.${randomUUID().slice(0, 6)}@shoudai.test`, password: "Spring2026!!" }, ip);
    }
    const user = await manager();
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD }, ip)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD }, meta())).toMatchObject({ ok: true, userId: user.id });
  });

  it("each further lockout lasts longer; a successful sign-in clears the account's failures", async () => {
    const user = await manager();
    const ip = meta();
    const lockOnce = async () => {
      for (let i = 0; i < THROTTLE.accountFailures; i++) await authenticate(db, { email: user.email, password: "not-the-password" }, ip);
      const row = await db.authThrottle.findUniqueOrThrow({ where: { key: accountKey(user.email) } });
      const minutes = (row.lockedUntil!.getTime() - Date.now()) / 60_000;
      // The lock runs out (as if the time had passed).
      await db.authThrottle.update({ where: { key: row.key }, data: { lockedUntil: new Date(Date.now() - 1000) } });
      return minutes;
    };
    const first = await lockOnce();
    const second = await lockOnce();
    expect(first).toBeGreaterThan(4.5);
    expect(second).toBeGreaterThan(first * 2);
    // Four failures, then the right password: signed in, and the count starts again.
    for (let i = 0; i < THROTTLE.accountFailures - 1; i++) await authenticate(db, { email: user.email, password: "not-the-password" }, ip);
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD }, ip)).toMatchObject({ ok: true });
    expect(await db.authThrottle.findUnique({ where: { key: accountKey(user.email) } })).toBeNull();
  });

  it("a disabled account is refused with the same answer as a wrong password", async () => {
    const user = await manager({ isActive: false });
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD }, meta())).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("second factor", () => {
  it("asks for the code after the right password, refuses a wrong one, accepts the right one once", async () => {
    const { user, secret } = await enrolled();
    const ip = meta();
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD }, ip)).toEqual({ ok: false, reason: "otpRequired" });
    // A wrong password is still just "invalid": the code step is not revealed to a guesser.
    expect(await authenticate(db, { email: user.email, password: "wrong-password!", otp: "123456" }, ip)).toEqual({ ok: false, reason: "invalid" });
    const code = await currentTotpCode(secret);
    const wrong = code === "000000" ? "111111" : "000000";
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD, otp: wrong }, ip)).toEqual({ ok: false, reason: "otpInvalid" });
    const ok = await authenticate(db, { email: user.email, password: DEMO_PASSWORD, otp: code }, ip);
    expect(ok).toMatchObject({ ok: true, userId: user.id });
    // The same code again (someone who watched it typed): refused.
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD, otp: code }, ip)).toEqual({ ok: false, reason: "otpInvalid" });
    const signIn = await db.auditLog.findFirst({ where: { entityId: user.id, action: "auth.sign_in" }, orderBy: { id: "desc" } });
    expect(signIn?.after).toMatchObject({ method: "password+totp" });
  });

  it("a recovery code signs in once", async () => {
    const { user } = await enrolled();
    const codes = newRecoveryCodes();
    await db.recoveryCode.createMany({ data: await Promise.all(codes.map(async (c) => ({ userId: user.id, codeHash: await hashPassword(c) }))) });
    const typed = codes[3]!.toUpperCase().replace("-", " ");
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD, otp: typed }, meta())).toMatchObject({ ok: true, userId: user.id });
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD, otp: codes[3]! }, meta())).toEqual({ ok: false, reason: "otpInvalid" });
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(1);
  });
});

describe("sessions", () => {
  async function signedIn(userId?: string) {
    const user = userId ? await db.user.findUniqueOrThrow({ where: { id: userId } }) : await manager();
    const outcome = await authenticate(db, { email: user.email, password: DEMO_PASSWORD }, meta());
    if (!outcome.ok) throw new Error(`sign-in refused: ${outcome.reason}`);
    return { userId: user.id, sessionId: outcome.sessionId };
  }

  it("a session resolves to its own user until it is ended (sign-out)", async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect((await resolveSession(db, a.userId, a.sessionId))?.actor.userId).toBe(a.userId);
    // Another user's session id with my user id: nothing.
    expect(await resolveSession(db, a.userId, b.sessionId)).toBeNull();
    expect(await endSession(db, a.sessionId, "SIGN_OUT")).toBe(true);
    expect(await resolveSession(db, a.userId, a.sessionId)).toBeNull();
    expect((await resolveSession(db, b.userId, b.sessionId))?.actor.userId).toBe(b.userId);
  });

  it("ends after 30 idle minutes and 8 hours after sign-in, whatever the activity", async () => {
    const idle = await signedIn();
    await db.userSession.update({ where: { id: idle.sessionId }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    expect(await resolveSession(db, idle.userId, idle.sessionId)).toBeNull();
    expect((await db.userSession.findUniqueOrThrow({ where: { id: idle.sessionId } })).endReason).toBe("IDLE");

    const old = await signedIn();
    await db.userSession.update({ where: { id: old.sessionId }, data: { expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() } });
    expect(await resolveSession(db, old.userId, old.sessionId)).toBeNull();
    expect((await db.userSession.findUniqueOrThrow({ where: { id: old.sessionId } })).endReason).toBe("EXPIRED");
  });

  it("being active keeps a session alive (last seen moves on) but never past its 8 hours", async () => {
    const s = await signedIn();
    const expiresAt = (await db.userSession.findUniqueOrThrow({ where: { id: s.sessionId } })).expiresAt;
    await db.userSession.update({ where: { id: s.sessionId }, data: { lastSeenAt: new Date(Date.now() - 20 * 60_000) } });
    expect(await resolveSession(db, s.userId, s.sessionId)).not.toBeNull();
    const after = await db.userSession.findUniqueOrThrow({ where: { id: s.sessionId } });
    expect(after.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(after.expiresAt).toEqual(expiresAt);
    expect(expiresAt.getTime() - after.createdAt.getTime()).toBe(8 * 60 * 60_000);
  });

  it("disabling the user ends the session on the next request; ending all sessions keeps the one asked to keep", async () => {
    const s = await signedIn();
    await db.user.update({ where: { id: s.userId }, data: { isActive: false } });
    expect(await resolveSession(db, s.userId, s.sessionId)).toBeNull();

    const user = await manager();
    const [one, two, three] = [await signedIn(user.id), await signedIn(user.id), await signedIn(user.id)];
    expect(await endUserSessions(db, user.id, "PASSWORD_CHANGED", two.sessionId)).toBe(2);
    expect(await resolveSession(db, user.id, one.sessionId)).toBeNull();
    expect(await resolveSession(db, user.id, three.sessionId)).toBeNull();
    expect((await resolveSession(db, user.id, two.sessionId))?.actor.userId).toBe(user.id);
  });

  it("says what a user must still set up: a new password first, then the second factor where required", async () => {
    const hq = await createUser(db, { email: `hq.${randomUUID().slice(0, 8)}@shoudai.test`, name: "分行", role: "BANK_HEAD_OFFICE", bankId });
    await db.user.update({ where: { id: hq.id }, data: { mustChangePassword: true } });
    const s = await signedIn(hq.id);
    expect((await resolveSession(db, s.userId, s.sessionId))?.pending).toBe("password");
    await db.user.update({ where: { id: hq.id }, data: { mustChangePassword: false } });
    expect((await resolveSession(db, s.userId, s.sessionId))?.pending).toBe("totp");
    // A manager needs no second factor, unless the bank requires it for everyone.
    const m = await signedIn();
    expect((await resolveSession(db, m.userId, m.sessionId))?.pending).toBeNull();
    await db.bank.update({ where: { id: bankId }, data: { requireTotp: true } });
    try {
      expect((await resolveSession(db, m.userId, m.sessionId))?.pending).toBe("totp");
    } finally {
      await db.bank.update({ where: { id: bankId }, data: { requireTotp: false } });
    }
  });
});

describe("passwords", () => {
  it("every user's hash has its own salt, also for the same password", async () => {
    const [a, b] = [await manager(), await manager()];
    const salts = (await db.user.findMany({ where: { id: { in: [a.id, b.id] } }, select: { passwordHash: true } })).map((u) => u.passwordHash.split("$")[4]);
    expect(salts[0]).not.toBe(salts[1]);
  });
});
