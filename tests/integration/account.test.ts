// The account security pages' commands (issue 11): a user's own password, TOTP enrolment and
// recovery codes, sessions and personal API tokens — against a real database, checking what
// the user would notice (can they sign in, which sessions still open) and that a refusal
// writes nothing.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { hashApiToken } from "@/lib/auth/api-tokens";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createSession, resolveSession } from "@/lib/auth/sessions";
import { authenticate } from "@/lib/auth/sign-in";
import { currentTotpCode, openTotpSecret } from "@/lib/auth/totp";
import { setInitialPassword } from "@/lib/commands/account/set-password";
import { changePassword } from "@/lib/commands/account/change-password";
import { startTotpEnrolment } from "@/lib/commands/account/start-totp";
import { confirmTotpEnrolment } from "@/lib/commands/account/confirm-totp";
import { regenerateRecoveryCodes } from "@/lib/commands/account/regenerate-recovery-codes";
import { disableTotp } from "@/lib/commands/account/disable-totp";
import { endOtherSessions, endOwnSession } from "@/lib/commands/account/sessions";
import { createApiToken, revokeApiToken } from "@/lib/commands/account/api-tokens";
import { getPendingTotpEnrolment } from "@/lib/queries/account/security";
import { listOwnApiTokens } from "@/lib/queries/account/api-tokens";
import { listOwnSessions } from "@/lib/queries/account/sessions";
import { AppError } from "@/lib/errors";
import { createBank, createBranch, createUser, DEMO_PASSWORD } from "@/prisma/seed/factories";

process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";

const NEW_PASSWORD = "桐乡支行走访了十二家企业";
const meta = () => ({ ip: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, userAgent: "vitest account" });

let bankId: string;
let branchId: string;
beforeAll(async () => {
  const tag = randomUUID().slice(0, 8);
  bankId = (await createBank(db, { code: `AC-${tag}`, name: `账户银行${tag}`, nameEn: `Account bank ${tag}` })).id;
  branchId = (await createBranch(db, { bankId, code: "AC1", name: "账户支行", nameEn: "Account branch", countyCode: "330483" })).id;
});

async function newUser(role: "ACCOUNT_MANAGER" | "BANK_HEAD_OFFICE" = "ACCOUNT_MANAGER", extra: { mustChangePassword?: boolean } = {}) {
  const local = `acct.${randomUUID().slice(0, 8)}`;
  const user = await createUser(db, {
    email: `${local}@shoudai.test`, name: "账户测试", role, bankId, branchId: role === "ACCOUNT_MANAGER" ? branchId : null,
  });
  if (extra.mustChangePassword) await db.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
  const actor = (await loadActor(db, user.id))!;
  return { user, actor, local };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(() => null, (e: unknown) => e);
  expect(outcome).toBeInstanceOf(AppError);
  return outcome as AppError;
}

/** What a refused call must leave as it was. */
async function snapshot(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true, mustChangePassword: true, passwordChangedAt: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true },
  });
  const [audit, codes, openSessions, tokens] = await Promise.all([
    db.auditLog.count({ where: { actorId: userId } }),
    db.recoveryCode.findMany({ where: { userId }, select: { id: true, usedAt: true }, orderBy: { id: "asc" } }),
    db.userSession.count({ where: { userId, endedAt: null } }),
    db.apiToken.findMany({ where: { userId }, select: { id: true, revokedAt: true }, orderBy: { id: "asc" } }),
  ]);
  return { user, audit, codes, openSessions, tokens };
}

async function auditActions(userId: string): Promise<string[]> {
  const rows = await db.auditLog.findMany({ where: { actorId: userId }, orderBy: { id: "asc" }, select: { action: true } });
  return rows.map((r) => r.action);
}

/** Starts and confirms TOTP enrolment the way the page does; returns the secret and the codes. */
async function enrol(actor: Actor) {
  await startTotpEnrolment(actor, { meta: meta() });
  const secret = (await getPendingTotpEnrolment(actor))!.secret;
  const { recoveryCodes } = await confirmTotpEnrolment(actor, { code: await currentTotpCode(secret) }, { meta: meta() });
  return { secret, recoveryCodes };
}

describe("first password (/account/setup)", () => {
  it("refuses what the policy refuses, each with its reason, and writes nothing", async () => {
    const { user, actor, local } = await newUser("ACCOUNT_MANAGER", { mustChangePassword: true });
    const before = await snapshot(user.id);
    const cases: [Record<string, string>, string, string][] = [
      [{ password: "Short#2026", repeat: "Short#2026" }, "password", "passwordTooShort"],
      [{ password: "123456789012", repeat: "123456789012" }, "password", "passwordCommon"],
      [{ password: `my-${local}-secret`, repeat: `my-${local}-secret` }, "password", "passwordContainsEmail"],
      [{ password: "x".repeat(129), repeat: "x".repeat(129) }, "password", "passwordTooLong"],
      [{ password: NEW_PASSWORD, repeat: `${NEW_PASSWORD}!` }, "repeat", "passwordMismatch"],
      [{ password: DEMO_PASSWORD.repeat(2), repeat: DEMO_PASSWORD }, "repeat", "passwordMismatch"],
    ];
    for (const [input, field, key] of cases) {
      const error = await refusal(setInitialPassword(actor, input, { meta: meta() }));
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.fieldErrors?.[field]).toEqual([key]);
    }
    expect(await snapshot(user.id)).toEqual(before);
    // The temporary password still signs in, and the account still has to set one.
    const signIn = await authenticate(db, { email: user.email, password: DEMO_PASSWORD }, meta());
    expect(signIn.ok).toBe(true);
    if (signIn.ok) expect((await resolveSession(db, user.id, signIn.sessionId))?.pending).toBe("password");
  });

  it("sets the password, ends the user's other sessions but not this one, and audits it; the old password stops working", async () => {
    const { user, actor } = await newUser("ACCOUNT_MANAGER", { mustChangePassword: true });
    const mine = await createSession(db, user.id, meta());
    const other = await createSession(db, user.id, meta());
    expect(await setInitialPassword(actor, { password: NEW_PASSWORD, repeat: NEW_PASSWORD }, { sessionId: mine, meta: meta() })).toEqual({ next: null });

    expect((await resolveSession(db, user.id, mine))?.pending).toBeNull();
    expect(await resolveSession(db, user.id, other)).toBeNull();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { mustChangePassword: true, passwordChangedAt: true, passwordHash: true } });
    expect(row.mustChangePassword).toBe(false);
    expect(row.passwordChangedAt).not.toBeNull();
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await auditActions(user.id)).toEqual(["password.set"]);
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD }, meta())).toMatchObject({ ok: false, reason: "invalid" });
    expect(await authenticate(db, { email: user.email, password: NEW_PASSWORD }, meta())).toMatchObject({ ok: true });
  });

  it("says TOTP comes next for a head office, and refuses a second time (nothing pending)", async () => {
    const { user, actor } = await newUser("BANK_HEAD_OFFICE", { mustChangePassword: true });
    expect(await setInitialPassword(actor, { password: NEW_PASSWORD, repeat: NEW_PASSWORD }, { meta: meta() })).toEqual({ next: "totp" });
    const before = await snapshot(user.id);
    const again = await refusal(setInitialPassword(actor, { password: `${NEW_PASSWORD}二`, repeat: `${NEW_PASSWORD}二` }, { meta: meta() }));
    expect(again.messageKey).toBe("nothingPending");
    expect(await snapshot(user.id)).toEqual(before);
  });

  it("refuses the temporary password as the new one", async () => {
    const { user, actor } = await newUser("ACCOUNT_MANAGER", { mustChangePassword: true });
    const temporary = "temporary passphrase 2026";
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(temporary) } });
    const error = await refusal(setInitialPassword(actor, { password: temporary, repeat: temporary }, { meta: meta() }));
    expect(error.fieldErrors?.password).toEqual(["passwordUnchanged"]);
  });
});

describe("change password (/account)", () => {
  it("refuses a wrong current password and writes nothing", async () => {
    const { user, actor } = await newUser();
    await createSession(db, user.id, meta());
    const before = await snapshot(user.id);
    const error = await refusal(changePassword(actor, { currentPassword: "not my password", password: NEW_PASSWORD, repeat: NEW_PASSWORD }, { meta: meta() }));
    expect(error.fieldErrors?.currentPassword).toEqual(["currentPasswordWrong"]);
    const weak = await refusal(changePassword(actor, { currentPassword: DEMO_PASSWORD, password: "123456789012", repeat: "123456789012" }, { meta: meta() }));
    expect(weak.fieldErrors?.password).toEqual(["passwordCommon"]);
    expect(await snapshot(user.id)).toEqual(before);
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD }, meta())).toMatchObject({ ok: true });
  });

  it("ends every other session of the user on the next request; the one that changed it stays", async () => {
    const { user, actor } = await newUser();
    const [mine, laptop, phone] = [await createSession(db, user.id, meta()), await createSession(db, user.id, meta()), await createSession(db, user.id, meta())];
    const { user: someoneElse } = await newUser();
    const theirs = await createSession(db, someoneElse.id, meta());

    expect(await changePassword(actor, { currentPassword: DEMO_PASSWORD, password: NEW_PASSWORD, repeat: NEW_PASSWORD }, { sessionId: mine, meta: meta() }))
      .toEqual({ sessionsEnded: 2 });
    expect(await resolveSession(db, user.id, mine)).not.toBeNull();
    expect(await resolveSession(db, user.id, laptop)).toBeNull();
    expect(await resolveSession(db, user.id, phone)).toBeNull();
    expect(await resolveSession(db, someoneElse.id, theirs)).not.toBeNull();
    const ended = await db.userSession.findUniqueOrThrow({ where: { id: laptop }, select: { endReason: true } });
    expect(ended.endReason).toBe("PASSWORD_CHANGED");
    const audit = await db.auditLog.findFirstOrThrow({ where: { actorId: user.id, action: "password.change" } });
    expect(audit).toMatchObject({ entityId: user.id, bankId, userAgent: "vitest account", after: { sessionsEnded: 2 } });
    expect(await authenticate(db, { email: user.email, password: NEW_PASSWORD }, meta())).toMatchObject({ ok: true });
  });

  it("guessing the current password is throttled: after 5 wrong ones even the right one is refused for a while (sign-in is not locked)", async () => {
    const { user, actor } = await newUser();
    for (let i = 0; i < 5; i++) {
      const error = await refusal(changePassword(actor, { currentPassword: `guess number ${i}`, password: NEW_PASSWORD, repeat: NEW_PASSWORD }, { meta: meta() }));
      expect(error.fieldErrors?.currentPassword).toEqual(["currentPasswordWrong"]);
    }
    const locked = await refusal(changePassword(actor, { currentPassword: DEMO_PASSWORD, password: NEW_PASSWORD, repeat: NEW_PASSWORD }, { meta: meta() }));
    expect(locked.fieldErrors?.currentPassword).toEqual(["tooManyAttempts"]);
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD }, meta())).toMatchObject({ ok: true });
    expect(await authenticate(db, { email: user.email, password: NEW_PASSWORD }, meta())).toMatchObject({ ok: false });
  });
});

describe("TOTP enrolment", () => {
  it("keeps the pending secret server-side, overwritten by each new attempt; enrolment counts only once confirmed", async () => {
    const { user, actor } = await newUser("BANK_HEAD_OFFICE");
    const session = await createSession(db, user.id, meta());
    expect((await resolveSession(db, user.id, session))?.pending).toBe("totp");
    await startTotpEnrolment(actor, { meta: meta() });
    const first = (await getPendingTotpEnrolment(actor))!;
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } });
    expect(row.totpEnabledAt).toBeNull();
    expect(row.totpSecret).not.toContain(first.secret); // sealed, not the plain secret
    expect(openTotpSecret(row.totpSecret)).toBe(first.secret);
    expect(first.uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await resolveSession(db, user.id, session))?.pending).toBe("totp");

    await startTotpEnrolment(actor, { meta: meta() });
    const second = (await getPendingTotpEnrolment(actor))!;
    expect(second.secret).not.toBe(first.secret);
    // A code for the abandoned secret no longer confirms.
    const stale = await refusal(confirmTotpEnrolment(actor, { code: await currentTotpCode(first.secret) }, { meta: meta() }));
    expect(stale.messageKey).toBe("otpWrong");
  });

  it("refuses a wrong code and writes nothing", async () => {
    const { user, actor } = await newUser("BANK_HEAD_OFFICE");
    await startTotpEnrolment(actor, { meta: meta() });
    const { secret } = (await getPendingTotpEnrolment(actor))!;
    const right = await currentTotpCode(secret);
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, "0");
    const before = await snapshot(user.id);
    const error = await refusal(confirmTotpEnrolment(actor, { code: wrong }, { meta: meta() }));
    expect(error.fieldErrors?.code).toEqual(["otpWrong"]);
    const malformed = await refusal(confirmTotpEnrolment(actor, { code: "12345" }, { meta: meta() }));
    expect(malformed.fieldErrors?.code).toEqual(["otpFormat"]);
    expect(await snapshot(user.id)).toEqual(before);
  });

  it("confirms with a current code: 10 recovery codes stored hashed, each signs in once; the confirming code cannot be replayed; other sessions end", async () => {
    const { user, actor } = await newUser("BANK_HEAD_OFFICE");
    const mine = await createSession(db, user.id, meta());
    const other = await createSession(db, user.id, meta());
    await startTotpEnrolment(actor, { meta: meta() });
    const { secret } = (await getPendingTotpEnrolment(actor))!;
    const code = await currentTotpCode(secret);
    const { recoveryCodes } = await confirmTotpEnrolment(actor, { code }, { sessionId: mine, meta: meta() });

    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true, usedAt: true } });
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.codeHash).toMatch(/^\$argon2id\$/);
      expect(recoveryCodes.some((c) => row.codeHash.includes(c) || row.codeHash.includes(c.replace("-", "")))).toBe(false);
    }
    // Each shown code matches exactly one stored hash.
    for (const shown of recoveryCodes) {
      const matches = await Promise.all(stored.map((row) => verifyPassword(row.codeHash, shown)));
      expect(matches.filter(Boolean)).toHaveLength(1);
    }
    expect((await resolveSession(db, user.id, mine))?.pending).toBeNull();
    expect(await resolveSession(db, user.id, other)).toBeNull();
    expect(await getPendingTotpEnrolment(actor)).toBeNull(); // the secret is not shown again
    expect(await auditActions(user.id)).toEqual(["totp.enrol_start", "totp.enrol"]);

    // Sign-in now asks for the second factor; the code that confirmed enrolment is spent.
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD }, meta())).toMatchObject({ ok: false, reason: "otpRequired" });
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD, otp: code }, meta())).toMatchObject({ ok: false, reason: "otpInvalid" });
    // Each recovery code once (typed in upper case without the hyphen for one of them, as people do).
    for (const [i, recovery] of recoveryCodes.entries()) {
      const typed = i === 3 ? recovery.replace("-", "").toUpperCase() : recovery;
      expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD, otp: typed }, meta()), `recovery code ${i}`).toMatchObject({ ok: true });
    }
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD, otp: recoveryCodes[0]! }, meta())).toMatchObject({ ok: false, reason: "otpInvalid" });
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
  });

  it("an enrolled account cannot start over (its secret is not replaced)", async () => {
    const { user, actor } = await newUser("BANK_HEAD_OFFICE");
    await enrol(actor);
    const before = await snapshot(user.id);
    expect((await refusal(startTotpEnrolment(actor, { meta: meta() }))).messageKey).toBe("totpAlreadyEnabled");
    expect(await snapshot(user.id)).toEqual(before);
  });
});

describe("recovery codes and turning two-factor off", () => {
  it("new recovery codes need the password and a fresh code; the old ones stop working", async () => {
    const { user, actor } = await newUser("BANK_HEAD_OFFICE");
    const { secret, recoveryCodes: old } = await enrol(actor);
    // The code that confirmed enrolment is spent: wait for no clock, use the next step's code.
    const next = await currentTotpCode(secret, new Date(Date.now() + 30_000));
    const before = await snapshot(user.id);
    expect((await refusal(regenerateRecoveryCodes(actor, { currentPassword: "wrong password!", code: next }, { meta: meta() }))).messageKey).toBe("currentPasswordWrong");
    const wrong = String((Number(next) + 1) % 1_000_000).padStart(6, "0");
    expect((await refusal(regenerateRecoveryCodes(actor, { currentPassword: DEMO_PASSWORD, code: wrong }, { meta: meta() }))).messageKey).toBe("otpWrong");
    expect(await snapshot(user.id)).toEqual(before);

    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(actor, { currentPassword: DEMO_PASSWORD, code: next }, { meta: meta() });
    expect(fresh).toHaveLength(10);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(10);
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD, otp: old[0]! }, meta())).toMatchObject({ ok: false, reason: "otpInvalid" });
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD, otp: fresh[0]! }, meta())).toMatchObject({ ok: true });
    // The same TOTP code cannot be used again, for sign-in or another regeneration.
    expect(await authenticate(db, { email: user.email, password: DEMO_PASSWORD, otp: next }, meta())).toMatchObject({ ok: false, reason: "otpInvalid" });
    expect(await auditActions(user.id)).toContain("totp.recovery_codes_regenerate");
  });

  it("a head office cannot turn it off; a manager can, with the current password", async () => {
    const hq = await newUser("BANK_HEAD_OFFICE");
    await enrol(hq.actor);
    const hqBefore = await snapshot(hq.user.id);
    expect((await refusal(disableTotp(hq.actor, { currentPassword: DEMO_PASSWORD }, { meta: meta() }))).messageKey).toBe("totpRequiredForYou");
    expect(await snapshot(hq.user.id)).toEqual(hqBefore);

    const manager = await newUser();
    await enrol(manager.actor);
    const before = await snapshot(manager.user.id);
    expect((await refusal(disableTotp(manager.actor, { currentPassword: "not my password" }, { meta: meta() }))).messageKey).toBe("currentPasswordWrong");
    expect(await snapshot(manager.user.id)).toEqual(before);
    await disableTotp(manager.actor, { currentPassword: DEMO_PASSWORD }, { meta: meta() });
    expect((await auditActions(manager.user.id)).at(-1)).toBe("totp.disable");
    expect(await authenticate(db, { email: manager.user.email, password: DEMO_PASSWORD }, meta())).toMatchObject({ ok: true });
    expect(await db.recoveryCode.count({ where: { userId: manager.user.id } })).toBe(0);
  });
});

describe("sessions", () => {
  it("a user ends their own session; someone else's id reads as not found and stays open", async () => {
    const me = await newUser();
    const other = await newUser();
    const mine = await createSession(db, me.user.id, meta());
    const lost = await createSession(db, me.user.id, meta());
    const theirs = await createSession(db, other.user.id, meta());
    expect((await listOwnSessions(me.actor, mine)).map((s) => [s.id, s.current]).sort()).toEqual([[lost, false], [mine, true]].sort());

    const before = await snapshot(other.user.id);
    expect((await refusal(endOwnSession(me.actor, { sessionId: theirs }, { sessionId: mine, meta: meta() }))).code).toBe("NOT_FOUND");
    expect(await snapshot(other.user.id)).toEqual(before);
    expect(await resolveSession(db, other.user.id, theirs)).not.toBeNull();

    await endOwnSession(me.actor, { sessionId: lost }, { sessionId: mine, meta: meta() });
    expect(await resolveSession(db, me.user.id, lost)).toBeNull();
    expect((await listOwnSessions(me.actor, mine)).map((s) => s.id)).toEqual([mine]);
  });

  it("ends all other sessions, keeping the current one", async () => {
    const me = await newUser();
    const mine = await createSession(db, me.user.id, meta());
    await createSession(db, me.user.id, meta());
    await createSession(db, me.user.id, meta());
    expect(await endOtherSessions(me.actor, { sessionId: mine, meta: meta() })).toEqual({ sessionsEnded: 2 });
    expect((await listOwnSessions(me.actor, mine)).map((s) => s.id)).toEqual([mine]);
    expect((await auditActions(me.user.id)).at(-1)).toBe("session.end_others");
  });
});

describe("personal API tokens", () => {
  it("shows the token once and stores only its SHA-256; the list never carries it", async () => {
    const me = await newUser();
    const created = await createApiToken(me.actor, { name: "数据报送系统", expiresInDays: "90" }, { meta: meta() });
    expect(created.token).toMatch(/^sd_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashApiToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(created.prefix.length));
    expect(row.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 89 * 86_400_000);
    expect(row.expiresAt!.getTime()).toBeLessThan(Date.now() + 91 * 86_400_000);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityType: "api_token", entityId: created.id } });
    expect(audit.action).toBe("api_token.create");
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(created.token.slice(created.prefix.length));

    const listed = await listOwnApiTokens(me.actor);
    expect(listed.map((t) => t.name)).toEqual(["数据报送系统"]);
    expect(JSON.stringify(listed)).not.toContain(created.token.slice(created.prefix.length));
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);
  });

  it("bad input creates nothing", async () => {
    const me = await newUser();
    const before = await snapshot(me.user.id);
    for (const input of [{ name: "  " }, { name: "x".repeat(61) }, { name: "ok", expiresInDays: "7" }]) {
      expect((await refusal(createApiToken(me.actor, input, { meta: meta() }))).code).toBe("INVALID_INPUT");
    }
    expect(await snapshot(me.user.id)).toEqual(before);
  });

  it("another user cannot revoke my token (not found, nothing written); I can", async () => {
    const me = await newUser();
    const other = await newUser();
    const { id } = await createApiToken(me.actor, { name: "报表" }, { meta: meta() });
    expect((await listOwnApiTokens(other.actor)).some((t) => t.id === id)).toBe(false);
    const [mineBefore, theirsBefore] = [await snapshot(me.user.id), await snapshot(other.user.id)];
    expect((await refusal(revokeApiToken(other.actor, { tokenId: id }, { meta: meta() }))).code).toBe("NOT_FOUND");
    expect([await snapshot(me.user.id), await snapshot(other.user.id)]).toEqual([mineBefore, theirsBefore]);

    await revokeApiToken(me.actor, { tokenId: id }, { meta: meta() });
    expect(await listOwnApiTokens(me.actor)).toEqual([]);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).not.toBeNull();
    // Revoking twice is "not found" (nothing left to revoke).
    expect((await refusal(revokeApiToken(me.actor, { tokenId: id }, { meta: meta() }))).code).toBe("NOT_FOUND");
  });
});
