// A regulator admin onboards banks (with their first head-office admin, who then runs the bank)
// and manages regulator users (jurisdiction, disable, reset, admin rights). Bank admins cannot
// do either; the regulator admin cannot touch a bank's users; nobody changes their own account.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/password";
import { createBank } from "@/lib/commands/admin/create-bank";
import { createBranch } from "@/lib/commands/admin/create-branch";
import { createBankUser } from "@/lib/commands/admin/create-bank-user";
import { createRegulatorUser } from "@/lib/commands/admin/create-regulator-user";
import { changeUserJurisdiction } from "@/lib/commands/admin/change-user-jurisdiction";
import { setUserActive } from "@/lib/commands/admin/set-user-active";
import { setUserAdmin } from "@/lib/commands/admin/set-user-admin";
import { resetUserPassword } from "@/lib/commands/admin/reset-user-password";
import { listAdminBanks } from "@/lib/queries/admin/banks";
import { listAdminUsers } from "@/lib/queries/admin/users";
import { getAdminUser } from "@/lib/queries/admin/user";
import { getAdminOverview } from "@/lib/queries/admin/overview";
import { userFilterSchema } from "@/lib/schemas/admin";
import { buildWorld, type World } from "../support/world";
import { addAdmins, addUser, refusal, lastAudit, type Admins } from "../support/admin";

const META = { ip: "198.51.100.9", userAgent: "regulator-test" };

let world: World;
let admins: Admins;
beforeAll(async () => {
  world = await buildWorld();
  admins = await addAdmins(world);
});

const tag = () => randomUUID().slice(0, 8);

describe("onboarding a bank", () => {
  it("creates the bank and its first head-office admin (temporary password once, must change it), who then runs the bank", async () => {
    const code = `N${tag()}`;
    const created = await createBank(admins.regulator, { code, name: "新加入银行", nameEn: "Newcomer Bank", adminEmail: ` Boss.${code}@NewBank.TEST `, adminName: "行管理员" }, META);
    expect(await db.bank.findUniqueOrThrow({ where: { id: created.bankId } })).toMatchObject({ code, name: "新加入银行", requireTotp: false });
    const user = await db.user.findUniqueOrThrow({ where: { id: created.adminUserId } });
    expect(user).toMatchObject({ email: `boss.${code}@newbank.test`.toLowerCase(), role: "BANK_HEAD_OFFICE", bankId: created.bankId, isAdmin: true, mustChangePassword: true });
    expect(await verifyPassword(user.passwordHash, created.temporaryPassword)).toBe(true);
    expect(await lastAudit(created.bankId)).toMatchObject({ action: "bank.create", actorId: admins.ids.regulator, bankId: created.bankId, ip: META.ip });
    expect(await lastAudit(created.adminUserId)).toMatchObject({ action: "user.create", bankId: created.bankId });
    expect((await listAdminBanks(admins.regulator))!.find((b) => b.id === created.bankId)).toMatchObject({ code, admins: 1, activeUsers: 1, openBranches: 0 });

    // The new admin runs the new bank — and only it.
    const bankAdmin = (await loadActor(db, created.adminUserId))!;
    const { branchId } = await createBranch(bankAdmin, { code: "HQ1", name: "营业部", nameEn: "Main Office", countyCode: "330106" });
    await createBankUser(bankAdmin, { email: `m.${code}@newbank.test`, name: "经理", role: "ACCOUNT_MANAGER", branchId });
    expect((await refusal(() => setUserActive(bankAdmin, { userId: world.userIds.owner, isActive: "no" }))).code).toBe("NOT_FOUND");
  });

  it("a taken bank code or admin email is refused and nothing is written; bad input field by field", async () => {
    const bankA = await db.bank.findUniqueOrThrow({ where: { id: world.bankA } });
    const taken = await refusal(() => createBank(admins.regulator, { code: bankA.code, name: "重复", nameEn: "Dup", adminEmail: `x.${tag()}@b.test`, adminName: "某" }));
    expect([taken.code, taken.fieldErrors]).toEqual(["CONFLICT", { code: ["bankCodeTaken"] }]);
    const ownerEmail = (await db.user.findUniqueOrThrow({ where: { id: world.userIds.owner } })).email;
    const dupEmail = await refusal(() => createBank(admins.regulator, { code: `D${tag()}`, name: "重复邮箱", nameEn: "Dup", adminEmail: ownerEmail, adminName: "某" }));
    expect([dupEmail.code, dupEmail.fieldErrors]).toEqual(["CONFLICT", { email: ["emailTaken"] }]);
    const bad = await refusal(() => createBank(admins.regulator, { code: "", name: "", nameEn: "x", adminEmail: "nope", adminName: "某" }));
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["adminEmail", "code", "name"]);
  });

  it("only a regulator admin onboards banks", async () => {
    const input = { code: `Z${tag()}`, name: "无权", nameEn: "No", adminEmail: `z.${tag()}@b.test`, adminName: "某" };
    for (const actor of [admins.bankA, await world.actor("regulator"), await world.actor("headOffice")]) {
      expect((await refusal(() => createBank(actor, input))).code).toBe("NOT_FOUND");
    }
    expect(await listAdminBanks(admins.bankA)).toBeNull();
    expect(await listAdminBanks(await world.actor("regulator"))).toBeNull();
  });
});

describe("regulator users", () => {
  it("creates a regulator user with a jurisdiction; changing it ends their sessions; disable, reset and admin rights work", async () => {
    const created = await createRegulatorUser(admins.regulator, { email: `Reg.${tag()}@Bureau.test`, name: "宁波监管员", jurisdiction: "NINGBO" }, META);
    expect(await db.user.findUniqueOrThrow({ where: { id: created.userId } })).toMatchObject({ role: "REGULATOR", jurisdiction: "NINGBO", bankId: null, mustChangePassword: true, isAdmin: false });
    expect(await lastAudit(created.userId)).toMatchObject({ action: "user.create", bankId: null, ip: META.ip });

    const sessionOf = async () => (await db.userSession.create({ data: { userId: created.userId, expiresAt: new Date(Date.now() + 3_600_000) } })).id;
    let session = await sessionOf();
    await changeUserJurisdiction(admins.regulator, { userId: created.userId, jurisdiction: "ZHEJIANG_EXCL_NINGBO" }, META);
    expect((await loadActor(db, created.userId))?.jurisdiction).toBe("ZHEJIANG_EXCL_NINGBO");
    expect(await db.userSession.findUniqueOrThrow({ where: { id: session } })).toMatchObject({ endReason: "ROLE_CHANGED" });
    expect(await lastAudit(created.userId)).toMatchObject({ action: "user.change_jurisdiction" });

    session = await sessionOf();
    const reset = await resetUserPassword(admins.regulator, { userId: created.userId });
    expect(await db.userSession.findUniqueOrThrow({ where: { id: session } })).toMatchObject({ endReason: "PASSWORD_RESET" });
    expect(await verifyPassword((await db.user.findUniqueOrThrow({ where: { id: created.userId } })).passwordHash, reset.temporaryPassword)).toBe(true);

    await setUserAdmin(admins.regulator, { userId: created.userId, isAdmin: "yes" });
    expect((await loadActor(db, created.userId))?.isAdmin).toBe(true);

    session = await sessionOf();
    await setUserActive(admins.regulator, { userId: created.userId, isActive: "no" });
    expect(await loadActor(db, created.userId)).toBeNull();
    expect(await db.userSession.findUniqueOrThrow({ where: { id: session } })).toMatchObject({ endReason: "DISABLED" });
  });

  it("the regulator admin lists regulator users only, and cannot touch a bank's users; bank admins cannot touch regulator users", async () => {
    const list = await listAdminUsers(admins.regulator, userFilterSchema.parse({}));
    expect(list!.scope).toBe("regulator");
    expect(list!.rows.every((r) => r.role === "REGULATOR")).toBe(true);
    expect(list!.rows.map((r) => r.id)).toContain(world.userIds.regulator);
    expect(await getAdminUser(admins.regulator, world.userIds.owner)).toBeNull();
    expect((await getAdminOverview(admins.regulator))).toMatchObject({ kind: "regulator" });

    const manager = await addUser(world);
    for (const call of [
      () => setUserActive(admins.regulator, { userId: manager.id, isActive: "no" }),
      () => resetUserPassword(admins.regulator, { userId: manager.id }),
      () => setUserAdmin(admins.regulator, { userId: admins.ids.bankA, isAdmin: "no" }),
      () => createRegulatorUser(admins.bankA, { email: `r.${tag()}@b.test`, name: "越权", jurisdiction: "ZHEJIANG" }),
      () => setUserActive(admins.bankA, { userId: world.userIds.regulator, isActive: "no" }),
      () => changeUserJurisdiction(admins.bankA, { userId: world.userIds.regulator, jurisdiction: "NINGBO" }),
      async () => changeUserJurisdiction(await world.actor("regulator"), { userId: admins.ids.regulator, jurisdiction: "NINGBO" }),
    ]) {
      expect((await refusal(call)).code).toBe("NOT_FOUND");
    }
  });

  it("a regulator admin grants no jurisdiction wider than their own and manages only users within it", async () => {
    const ningboAdmin = (await loadActor(db, (await createRegulatorUser(admins.regulator, { email: `nb.${tag()}@bureau.test`, name: "宁波管理员", jurisdiction: "NINGBO", isAdmin: "yes" })).userId))!;
    const provincial = (await createRegulatorUser(admins.regulator, { email: `zj.${tag()}@bureau.test`, name: "省局人员", jurisdiction: "ZHEJIANG" })).userId;
    for (const jurisdiction of ["ZHEJIANG", "ZHEJIANG_EXCL_NINGBO"] as const) {
      expect((await refusal(() => createRegulatorUser(ningboAdmin, { email: `x.${tag()}@bureau.test`, name: "越权", jurisdiction }))).messageKey).toBe("jurisdictionBeyondYours");
    }
    const ningboUser = (await createRegulatorUser(ningboAdmin, { email: `nbu.${tag()}@bureau.test`, name: "宁波人员", jurisdiction: "NINGBO" })).userId;
    expect((await refusal(() => changeUserJurisdiction(ningboAdmin, { userId: ningboUser, jurisdiction: "ZHEJIANG" }))).messageKey).toBe("jurisdictionBeyondYours");
    // The province's people are beyond the Ningbo admin: they read as missing, and are not listed.
    expect((await refusal(() => setUserActive(ningboAdmin, { userId: provincial, isActive: "no" }))).code).toBe("NOT_FOUND");
    const listed = (await listAdminUsers(ningboAdmin, userFilterSchema.parse({})))!.rows;
    expect(listed.map((r) => r.id)).toContain(ningboUser);
    expect(listed.every((r) => r.jurisdiction === "NINGBO")).toBe(true);
  });

  it("a regulator admin cannot change their own jurisdiction, admin rights or active flag", async () => {
    const self = admins.ids.regulator;
    for (const call of [
      () => changeUserJurisdiction(admins.regulator, { userId: self, jurisdiction: "NINGBO" }),
      () => setUserAdmin(admins.regulator, { userId: self, isAdmin: "no" }),
      () => setUserActive(admins.regulator, { userId: self, isActive: "no" }),
    ]) {
      expect((await refusal(call)).messageKey).toBe("adminSelf");
    }
  });

  it("a regulator user's jurisdiction must be one of the three", async () => {
    const error = await refusal(() => createRegulatorUser(admins.regulator, { email: `j.${tag()}@b.test`, name: "某", jurisdiction: "SHANGHAI" }));
    expect(error.fieldErrors?.jurisdiction).toEqual(["jurisdictionInvalid"]);
  });
});
