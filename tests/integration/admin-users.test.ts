// A bank's head-office admin manages the bank's users: create (temporary password shown once,
// stored hashed, to be changed at first sign-in), change role or branch, disable and enable,
// reset the password, grant or remove admin, the bank's two-factor rule. Every change writes
// one audit row with the request's IP and user agent; role, branch, disable and reset end the
// user's sessions in the same transaction. Nobody changes their own account, nobody reaches
// another bank (its ids answer like missing ones), non-admins get nothing, refusals write nothing.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadActor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/password";
import { createBankUser } from "@/lib/commands/admin/create-bank-user";
import { changeUserRole } from "@/lib/commands/admin/change-user-role";
import { setUserActive } from "@/lib/commands/admin/set-user-active";
import { resetUserPassword } from "@/lib/commands/admin/reset-user-password";
import { resetUserTotp } from "@/lib/commands/admin/reset-user-totp";
import { setUserAdmin } from "@/lib/commands/admin/set-user-admin";
import { setBankRequireTotp } from "@/lib/commands/admin/set-bank-require-totp";
import { listAdminUsers } from "@/lib/queries/admin/users";
import { getAdminUser } from "@/lib/queries/admin/user";
import { getAdminOverview } from "@/lib/queries/admin/overview";
import { listHandoverNeeds } from "@/lib/queries/assignment-handover";
import { userFilterSchema } from "@/lib/schemas/admin";
import { DEMO_PASSWORD } from "@/prisma/seed/factories";
import { buildWorld, type World } from "../support/world";
import { addClients } from "../support/assign";
import { addAdmins, addUser, adminState, lastAudit, openSession, sessionEnd, type Admins } from "../support/admin";

const META = { ip: "198.51.100.7", userAgent: "Mozilla/5.0 (admin test)" };

async function refusal(call: () => Promise<unknown>): Promise<AppError> {
  const before = await adminState();
  const error = await call().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(await adminState(), "a refused call wrote nothing").toBe(before);
  return error as AppError;
}

let world: World;
let admins: Admins;
beforeAll(async () => {
  world = await buildWorld();
  admins = await addAdmins(world);
});

const email = () => `New.${randomUUID().slice(0, 8)}@Shoudai.TEST`;

describe("creating a user", () => {
  it("a manager in a branch: temporary password shown once, only its argon2id hash stored, must change it, email lower-cased, audited with IP", async () => {
    const typed = email();
    const created = await createBankUser(admins.bankA, { email: typed, name: "  新经理 ", role: "ACCOUNT_MANAGER", branchId: world.branchA1 }, META);
    expect(created.temporaryPassword.replace(/-/g, "").length).toBeGreaterThanOrEqual(16);
    const user = await db.user.findUniqueOrThrow({ where: { id: created.userId } });
    expect(user).toMatchObject({ email: typed.toLowerCase(), name: "新经理", role: "ACCOUNT_MANAGER", bankId: world.bankA, branchId: world.branchA1, isActive: true, isAdmin: false, mustChangePassword: true });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(created.temporaryPassword);
    expect(await verifyPassword(user.passwordHash, created.temporaryPassword)).toBe(true);
    const audit = await lastAudit(created.userId);
    expect(audit).toMatchObject({ action: "user.create", actorId: admins.ids.bankA, bankId: world.bankA, ip: META.ip, userAgent: META.userAgent });
    expect(audit!.after).toMatchObject({ role: "ACCOUNT_MANAGER", branchId: world.branchA1, email: typed.toLowerCase() });
    expect(JSON.stringify([audit!.before, audit!.after])).not.toContain(created.temporaryPassword);
  });

  it("two users get different temporary passwords (and different salts)", async () => {
    const a = await createBankUser(admins.bankA, { email: email(), name: "甲", role: "BANK_HEAD_OFFICE" });
    const b = await createBankUser(admins.bankA, { email: email(), name: "乙", role: "BANK_HEAD_OFFICE", isAdmin: "yes" });
    expect(a.temporaryPassword).not.toBe(b.temporaryPassword);
    const rows = await db.user.findMany({ where: { id: { in: [a.userId, b.userId] } }, select: { id: true, passwordHash: true, isAdmin: true, branchId: true } });
    expect(new Set(rows.map((r) => r.passwordHash.split("$")[4])).size).toBe(2);
    expect(rows.find((r) => r.id === b.userId)).toMatchObject({ isAdmin: true, branchId: null });
  });

  it("a taken email (in any case, of any bank) is refused clearly and nothing is written", async () => {
    const taken = (await db.user.findUniqueOrThrow({ where: { id: world.userIds.otherBankManager } })).email;
    const error = await refusal(() => createBankUser(admins.bankA, { email: taken.toUpperCase(), name: "重复", role: "ACCOUNT_MANAGER", branchId: world.branchA1 }));
    expect(error.code).toBe("CONFLICT");
    expect(error.fieldErrors).toEqual({ email: ["emailTaken"] });
  });

  it("two admins adding the same email at once: one user, the other told the email is taken", async () => {
    const same = email();
    const results = await Promise.allSettled([
      createBankUser(admins.bankA, { email: same, name: "并发甲", role: "BANK_HEAD_OFFICE" }),
      createBankUser(admins.bankB, { email: same, name: "并发乙", role: "BANK_HEAD_OFFICE" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect((refused.reason as AppError).fieldErrors).toEqual({ email: ["emailTaken"] });
    expect(await db.user.count({ where: { email: same.toLowerCase() } })).toBe(1);
  });

  it("bad input is refused field by field: branch staff need a branch, head office takes none, email and role are checked", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ email: email(), name: "无支行", role: "ACCOUNT_MANAGER" }, "branchId", "branchRequired"],
      [{ email: email(), name: "总行", role: "BANK_HEAD_OFFICE", branchId: world.branchA1 }, "branchId", "branchNotForRole"],
      [{ email: "not-an-email", name: "坏邮箱", role: "BANK_HEAD_OFFICE" }, "email", "emailInvalid"],
      [{ email: email(), name: "监管", role: "REGULATOR", jurisdiction: "ZHEJIANG" }, "_form", "invalid"],
      [{ email: email(), name: "", role: "BANK_HEAD_OFFICE" }, "name", "required"],
      [{ email: email(), name: "行长管理员", role: "BRANCH_HEAD", branchId: world.branchA1, isAdmin: "yes" }, "isAdmin", "adminRoleOnly"],
    ];
    for (const [input, field, key] of cases) {
      const error = await refusal(() => createBankUser(admins.bankA, input));
      expect(error.code, JSON.stringify(input)).toBe("INVALID_INPUT");
      expect(error.fieldErrors?.[field], JSON.stringify(input)).toContain(key);
    }
  });

  it("another bank's branch answers like a missing one; a closed branch takes no new users", async () => {
    expect((await refusal(() => createBankUser(admins.bankA, { email: email(), name: "越权", role: "ACCOUNT_MANAGER", branchId: world.branchB1 }))).code).toBe("NOT_FOUND");
    expect((await refusal(() => createBankUser(admins.bankA, { email: email(), name: "无此", role: "ACCOUNT_MANAGER", branchId: randomUUID() }))).code).toBe("NOT_FOUND");
    const closed = await db.branch.create({ data: { bankId: world.bankA, code: `X${world.tag}`, name: "已撤并支行", nameEn: "Closed", countyCode: "330106", closedAt: new Date() } });
    const error = await refusal(() => createBankUser(admins.bankA, { email: email(), name: "撤并", role: "ACCOUNT_MANAGER", branchId: closed.id }));
    expect([error.code, error.messageKey]).toEqual(["RULE_VIOLATION", "branchClosed"]);
  });

  it("non-admins (head office without admin rights, managers, regulators — admin or not) get nothing", async () => {
    const input = { email: email(), name: "无权", role: "ACCOUNT_MANAGER", branchId: world.branchA1 };
    for (const name of ["headOffice", "branchHead", "owner", "regulator"] as const) {
      const actor = await world.actor(name);
      expect((await refusal(() => createBankUser(actor, input))).code, name).toBe("NOT_FOUND");
    }
    expect((await refusal(() => createBankUser(admins.regulator, input))).code).toBe("NOT_FOUND");
    expect((await refusal(() => createBankUser(null, input))).code).toBe("UNAUTHENTICATED");
  });
});

describe("changing a user", () => {
  it("moving a manager to another branch ends their sessions at once, audits before/after, and their clients wait for handover in the old branch", async () => {
    const mover = await addUser(world);
    await addClients(world, 2, { branch: "A1", managerId: mover.id });
    const result = await changeUserRole(admins.bankA, { userId: mover.id, role: "ACCOUNT_MANAGER", branchId: world.branchA2 }, META);
    expect(result).toMatchObject({ changed: true, sessionsEnded: 1 });
    expect(await sessionEnd(mover.sessionId)).toMatchObject({ endReason: "ROLE_CHANGED", endedAt: expect.any(Date) });
    expect(await db.user.findUniqueOrThrow({ where: { id: mover.id }, select: { branchId: true } })).toEqual({ branchId: world.branchA2 });
    const audit = await lastAudit(mover.id);
    expect(audit).toMatchObject({ action: "user.change_role", ip: META.ip, userAgent: META.userAgent });
    expect(audit!.before).toMatchObject({ branchId: world.branchA1 });
    expect(audit!.after).toMatchObject({ branchId: world.branchA2, sessionsEnded: 1 });
    const needs = await listHandoverNeeds(await world.actor("branchHead"));
    expect(needs!.find((n) => n.managerId === mover.id)).toMatchObject({ reason: "movedAway", clients: 2 });
  });

  it("a head-office admin moved to a branch loses admin rights with the move", async () => {
    const hq = await addUser(world, { role: "BANK_HEAD_OFFICE", branchId: null, isAdmin: true });
    await changeUserRole(admins.bankA, { userId: hq.id, role: "BRANCH_HEAD", branchId: world.branchA2 });
    expect(await db.user.findUniqueOrThrow({ where: { id: hq.id }, select: { role: true, isAdmin: true, branchId: true } })).toEqual({ role: "BRANCH_HEAD", isAdmin: false, branchId: world.branchA2 });
    expect((await sessionEnd(hq.sessionId)).endedAt).not.toBeNull();
  });

  it("the same role and branch again changes nothing and ends no session", async () => {
    const same = await addUser(world);
    const audits = await db.auditLog.count();
    expect(await changeUserRole(admins.bankA, { userId: same.id, role: "ACCOUNT_MANAGER", branchId: world.branchA1 })).toMatchObject({ changed: false });
    expect((await sessionEnd(same.sessionId)).endedAt).toBeNull();
    expect(await db.auditLog.count()).toBe(audits);
  });

  it("disabling ends the sessions and the account (the manager's clients show as needing handover); enabling brings the account back", async () => {
    const leaver = await addUser(world);
    await addClients(world, 1, { branch: "A1", managerId: leaver.id });
    expect(await setUserActive(admins.bankA, { userId: leaver.id, isActive: "false" }, META)).toMatchObject({ changed: true, sessionsEnded: 1 });
    expect(await sessionEnd(leaver.sessionId)).toMatchObject({ endReason: "DISABLED" });
    expect(await loadActor(db, leaver.id)).toBeNull();
    expect(await lastAudit(leaver.id)).toMatchObject({ action: "user.disable", ip: META.ip });
    const needs = await listHandoverNeeds(await world.actor("branchHead"));
    expect(needs!.find((n) => n.managerId === leaver.id)).toMatchObject({ reason: "disabled", clients: 1 });
    expect((await getAdminOverview(admins.bankA))).toMatchObject({ kind: "bank" });

    await setUserActive(admins.bankA, { userId: leaver.id, isActive: true });
    expect((await loadActor(db, leaver.id))?.userId).toBe(leaver.id);
    expect(await lastAudit(leaver.id)).toMatchObject({ action: "user.enable" });
  });

  it("a user of a closed branch cannot be enabled again (move them first)", async () => {
    const branch = await db.branch.create({ data: { bankId: world.bankA, code: `C${randomUUID().slice(0, 6)}`, name: "待撤并", nameEn: "Closing", countyCode: "330106" } });
    const user = await addUser(world, { branchId: branch.id, isActive: false });
    await db.branch.update({ where: { id: branch.id }, data: { closedAt: new Date() } });
    const error = await refusal(() => setUserActive(admins.bankA, { userId: user.id, isActive: "yes" }));
    expect(error.messageKey).toBe("branchClosed");
    // Moving them to an open branch first works, then enabling.
    await changeUserRole(admins.bankA, { userId: user.id, role: "ACCOUNT_MANAGER", branchId: world.branchA2 });
    await setUserActive(admins.bankA, { userId: user.id, isActive: "yes" });
    expect((await loadActor(db, user.id))?.branchId).toBe(world.branchA2);
  });

  it("a password reset: a new temporary password replaces the old one, must be changed, sessions end, the audit row holds no password", async () => {
    const user = await addUser(world);
    const reset = await resetUserPassword(admins.bankA, { userId: user.id }, META);
    expect(reset.sessionsEnded).toBe(1);
    expect(await sessionEnd(user.sessionId)).toMatchObject({ endReason: "PASSWORD_RESET" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.mustChangePassword).toBe(true);
    expect(await verifyPassword(row.passwordHash, reset.temporaryPassword)).toBe(true);
    expect(await verifyPassword(row.passwordHash, DEMO_PASSWORD)).toBe(false);
    const audit = await lastAudit(user.id);
    expect(audit).toMatchObject({ action: "user.reset_password", actorId: admins.ids.bankA, ip: META.ip, userAgent: META.userAgent });
    expect(JSON.stringify([audit!.before, audit!.after])).not.toContain(reset.temporaryPassword);
  });

  it("a lost phone: the second factor, its recovery codes and the password are reset together, sessions end, audited", async () => {
    const user = await addUser(world, { role: "BANK_HEAD_OFFICE", branchId: null });
    await db.user.update({ where: { id: user.id }, data: { totpSecret: "sealed-test-secret", totpEnabledAt: new Date(), totpLastStep: 42 } });
    await db.recoveryCode.createMany({ data: [{ userId: user.id, codeHash: "h1" }, { userId: user.id, codeHash: "h2" }] });
    const reset = await resetUserTotp(admins.bankA, { userId: user.id }, META);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, mustChangePassword: true });
    expect(await verifyPassword(row.passwordHash, reset.temporaryPassword)).toBe(true);
    expect(await verifyPassword(row.passwordHash, DEMO_PASSWORD)).toBe(false);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await sessionEnd(user.sessionId)).toMatchObject({ endReason: "TOTP_CHANGED" });
    expect(await lastAudit(user.id)).toMatchObject({ action: "user.reset_totp", ip: META.ip, after: { recoveryCodesRemoved: 2, sessionsEnded: 1 } });
    // Nothing to reset any more; another bank's user answers like a missing one.
    expect((await refusal(() => resetUserTotp(admins.bankA, { userId: user.id }))).messageKey).toBe("totpNotEnrolled");
    expect((await refusal(() => resetUserTotp(admins.bankB, { userId: user.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(() => resetUserTotp(admins.bankA, { userId: admins.ids.bankA }))).messageKey).toBe("adminSelf");
  });

  it("admin rights: granted and removed on head-office users only", async () => {
    const hq = await addUser(world, { role: "BANK_HEAD_OFFICE", branchId: null });
    await setUserAdmin(admins.bankA, { userId: hq.id, isAdmin: "yes" }, META);
    expect((await loadActor(db, hq.id))?.isAdmin).toBe(true);
    expect(await lastAudit(hq.id)).toMatchObject({ action: "user.grant_admin", ip: META.ip });
    await setUserAdmin(admins.bankA, { userId: hq.id, isAdmin: "no" });
    expect((await loadActor(db, hq.id))?.isAdmin).toBe(false);
    expect(await lastAudit(hq.id)).toMatchObject({ action: "user.revoke_admin" });
    const error = await refusal(() => setUserAdmin(admins.bankA, { userId: world.userIds.branchHead, isAdmin: "yes" }));
    expect(error.messageKey).toBe("adminRoleOnly");
  });

  it("nobody changes their own role, active flag, admin rights or password here", async () => {
    const self = admins.ids.bankA;
    const calls = [
      () => changeUserRole(admins.bankA, { userId: self, role: "ACCOUNT_MANAGER", branchId: world.branchA1 }),
      () => setUserActive(admins.bankA, { userId: self, isActive: "no" }),
      () => setUserAdmin(admins.bankA, { userId: self, isAdmin: "no" }),
      () => resetUserPassword(admins.bankA, { userId: self }),
    ];
    for (const call of calls) expect((await refusal(call)).messageKey).toBe("adminSelf");
  });

  it("a non-admin head office cannot raise their own (or anyone's) rights", async () => {
    const hq = await world.actor("headOffice");
    expect((await refusal(() => setUserAdmin(hq, { userId: hq!.userId, isAdmin: "yes" }))).code).toBe("NOT_FOUND");
    expect((await refusal(() => setUserAdmin(hq, { userId: admins.ids.bankA, isAdmin: "no" }))).code).toBe("NOT_FOUND");
  });

  it("another bank's users answer exactly like missing ids, and keep their sessions", async () => {
    const stranger = await addUser(world, { bankId: world.bankB, branchId: world.branchB1 });
    const missing = randomUUID();
    const attempts = (userId: string) => [
      () => changeUserRole(admins.bankA, { userId, role: "ACCOUNT_MANAGER", branchId: world.branchA1 }),
      () => setUserActive(admins.bankA, { userId, isActive: "no" }),
      () => setUserAdmin(admins.bankA, { userId, isAdmin: "yes" }),
      () => resetUserPassword(admins.bankA, { userId }),
    ];
    const theirs = [...attempts(stranger.id), ...attempts(admins.ids.bankB), ...attempts(admins.ids.regulator)];
    for (const call of theirs) {
      const error = await refusal(call);
      expect([error.code, error.messageKey]).toEqual(["NOT_FOUND", "notFound"]);
    }
    for (const call of attempts(missing)) expect((await refusal(call)).code).toBe("NOT_FOUND");
    expect((await sessionEnd(stranger.sessionId)).endedAt).toBeNull();
    // Bank B's admin, the other way round, the same.
    expect((await refusal(() => setUserActive(admins.bankB, { userId: world.userIds.owner, isActive: "no" }))).code).toBe("NOT_FOUND");
  });
});

describe("the bank's two-factor rule", () => {
  it("the bank's admin switches 'everyone signs in with a second factor' on and off, audited", async () => {
    await setBankRequireTotp(admins.bankA, { requireTotp: "yes" }, META);
    expect((await db.bank.findUniqueOrThrow({ where: { id: world.bankA } })).requireTotp).toBe(true);
    expect(await lastAudit(world.bankA)).toMatchObject({ action: "bank.set_require_totp", after: { requireTotp: true }, ip: META.ip });
    expect(await getAdminOverview(admins.bankA)).toMatchObject({ requireTotp: true });
    await setBankRequireTotp(admins.bankA, { requireTotp: "no" });
    expect((await db.bank.findUniqueOrThrow({ where: { id: world.bankA } })).requireTotp).toBe(false);
    // Bank B untouched; a non-admin refused.
    expect((await db.bank.findUniqueOrThrow({ where: { id: world.bankB } })).requireTotp).toBe(false);
    expect((await refusal(async () => setBankRequireTotp(await world.actor("headOffice"), { requireTotp: "yes" }))).code).toBe("NOT_FOUND");
  });
});

describe("reading users", () => {
  it("a bank's admin lists their bank's users only, filtered by branch, role and active", async () => {
    const all = await listAdminUsers(admins.bankA, userFilterSchema.parse({}));
    const ids = new Set(all!.rows.map((r) => r.id));
    expect(ids.has(world.userIds.owner)).toBe(true);
    expect(ids.has(world.userIds.otherBankManager)).toBe(false);
    expect(ids.has(world.userIds.regulator)).toBe(false);
    expect(all!.rows.find((r) => r.id === admins.ids.bankA)?.isSelf).toBe(true);

    const a2 = await listAdminUsers(admins.bankA, userFilterSchema.parse({ branch: world.branchA2 }));
    expect(a2!.rows.length).toBeGreaterThan(0);
    expect(a2!.rows.every((r) => r.branchId === world.branchA2)).toBe(true);
    const heads = await listAdminUsers(admins.bankA, userFilterSchema.parse({ role: "BRANCH_HEAD" }));
    expect(heads!.rows.map((r) => r.id).sort()).toEqual(expect.arrayContaining([world.userIds.branchHead, world.userIds.otherBranchHead]));
    expect(heads!.rows.every((r) => r.role === "BRANCH_HEAD")).toBe(true);
    const disabled = await listAdminUsers(admins.bankA, userFilterSchema.parse({ active: "no" }));
    expect(disabled!.rows.map((r) => r.id)).toContain(world.userIds.disabled);
    expect(disabled!.rows.every((r) => !r.isActive)).toBe(true);
    // A branch of another bank as a filter finds nobody.
    expect((await listAdminUsers(admins.bankA, userFilterSchema.parse({ branch: world.branchB1 })))!.rows).toEqual([]);
  });

  it("one user: theirs in detail; another bank's user reads exactly like a missing id; non-admins read nothing", async () => {
    await openSession(world.userIds.owner);
    const owner = await getAdminUser(admins.bankA, world.userIds.owner);
    expect(owner).toMatchObject({ id: world.userIds.owner, branchId: world.branchA1, clients: expect.any(Number) });
    expect(owner!.openSessions).toBeGreaterThan(0);
    expect(owner!.clients).toBeGreaterThan(0);
    expect(await getAdminUser(admins.bankA, world.userIds.otherBankManager)).toBeNull();
    expect(await getAdminUser(admins.bankA, randomUUID())).toBeNull();
    expect(await getAdminUser(admins.bankA, "not-a-uuid")).toBeNull();
    expect(await getAdminUser(await world.actor("headOffice"), world.userIds.owner)).toBeNull();
    expect(await listAdminUsers(await world.actor("headOffice"), userFilterSchema.parse({}))).toBeNull();
  });
});
