// A bank's admin opens, renames and closes the bank's branches. A branch closes only once its
// clients are handed to another branch and its active users are moved or disabled; a closed
// branch is kept (shown as closed) and takes no new users. Another bank's branches answer like
// missing ids; every change is audited; refusals write nothing.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createBranch } from "@/lib/commands/admin/create-branch";
import { renameBranch } from "@/lib/commands/admin/rename-branch";
import { closeBranch } from "@/lib/commands/admin/close-branch";
import { createBankUser } from "@/lib/commands/admin/create-bank-user";
import { changeUserRole } from "@/lib/commands/admin/change-user-role";
import { setUserActive } from "@/lib/commands/admin/set-user-active";
import { distributeClients } from "@/lib/commands/distribute-clients";
import { getDistributionOverview } from "@/lib/queries/assignment-branches";
import { listAdminBranches } from "@/lib/queries/admin/branches";
import { getAdminOverview } from "@/lib/queries/admin/overview";
import { buildWorld, type World } from "../support/world";
import { addClients } from "../support/assign";
import { addAdmins, addUser, adminState, lastAudit, type Admins } from "../support/admin";

const META = { ip: "198.51.100.8", userAgent: "branch-test" };

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

const code = () => `BR${randomUUID().slice(0, 6)}`;

describe("opening and renaming branches", () => {
  it("opens a branch with code, names and county, audited; it shows in the bank's list, open", async () => {
    const c = code();
    const { branchId } = await createBranch(admins.bankA, { code: c, name: "西湖支行", nameEn: "West Lake Sub-branch", countyCode: "330106" }, META);
    expect(await db.branch.findUniqueOrThrow({ where: { id: branchId } })).toMatchObject({ bankId: world.bankA, code: c, name: "西湖支行", countyCode: "330106", closedAt: null });
    expect(await lastAudit(branchId)).toMatchObject({ action: "branch.create", actorId: admins.ids.bankA, bankId: world.bankA, ip: META.ip, userAgent: META.userAgent });
    const list = await listAdminBranches(admins.bankA);
    expect(list!.find((b) => b.id === branchId)).toMatchObject({ code: c, closedAt: null, activeUsers: 0, clients: 0 });
    expect(list!.some((b) => b.id === world.branchB1)).toBe(false);
  });

  it("a code the bank already has is refused (another bank may use it); a county outside the province too", async () => {
    const error = await refusal(() => createBranch(admins.bankA, { code: "A1", name: "重复", nameEn: "Dup", countyCode: "330106" }));
    expect([error.code, error.fieldErrors]).toEqual(["CONFLICT", { code: ["branchCodeTaken"] }]);
    const { branchId } = await createBranch(admins.bankB, { code: "A1", name: "乙行的A1", nameEn: "B's A1", countyCode: "330106" });
    expect((await db.branch.findUniqueOrThrow({ where: { id: branchId } })).bankId).toBe(world.bankB);
    const bad = await refusal(() => createBranch(admins.bankA, { code: code(), name: "外省", nameEn: "Elsewhere", countyCode: "110101" }));
    expect(bad.fieldErrors?.countyCode).toEqual(["countyInvalid"]);
    const badCode = await refusal(() => createBranch(admins.bankA, { code: "有空格 的", name: "坏代码", nameEn: "Bad", countyCode: "330106" }));
    expect(badCode.fieldErrors?.code).toEqual(["codeInvalid"]);
  });

  it("renames its own branches; another bank's branch answers like a missing one", async () => {
    await renameBranch(admins.bankA, { branchId: world.branchA2, name: "甲二支行（新）", nameEn: "A2 new" }, META);
    expect(await db.branch.findUniqueOrThrow({ where: { id: world.branchA2 }, select: { name: true, nameEn: true } })).toEqual({ name: "甲二支行（新）", nameEn: "A2 new" });
    expect(await lastAudit(world.branchA2)).toMatchObject({ action: "branch.rename", before: { name: "甲二支行" }, after: { name: "甲二支行（新）" } });
    for (const branchId of [world.branchB1, randomUUID()]) {
      expect((await refusal(() => renameBranch(admins.bankA, { branchId, name: "夺", nameEn: "x" }))).code).toBe("NOT_FOUND");
    }
  });

  it("non-admins and the regulator admin cannot open, rename or close branches", async () => {
    for (const actor of [await world.actor("headOffice"), await world.actor("branchHead"), admins.regulator]) {
      expect((await refusal(() => createBranch(actor, { code: code(), name: "无权", nameEn: "No", countyCode: "330106" }))).code).toBe("NOT_FOUND");
      expect((await refusal(() => renameBranch(actor, { branchId: world.branchA1, name: "无权", nameEn: "No" }))).code).toBe("NOT_FOUND");
      expect((await refusal(() => closeBranch(actor, { branchId: world.branchA1 }))).code).toBe("NOT_FOUND");
    }
  });
});

describe("closing a branch", () => {
  it("refused while it has clients, then while it has active users; closes once they are handed over and moved", async () => {
    const { branchId } = await createBranch(admins.bankA, { code: code(), name: "待撤并支行", nameEn: "Closing", countyCode: "330106" });
    const staff = await createBankUser(admins.bankA, { email: `s.${randomUUID().slice(0, 8)}@shoudai.test`, name: "员工", role: "ACCOUNT_MANAGER", branchId });
    const clients = await addClients(world, 2);
    await distributeClients(await world.actor("headOffice"), { mode: "selection", branchId, selection: { by: "ids", clientIds: clients.map((c) => c.clientId) } });

    expect((await refusal(() => closeBranch(admins.bankA, { branchId }))).messageKey).toBe("branchHasClients");
    // Head office hands the clients to another branch.
    await distributeClients(await world.actor("headOffice"), { mode: "selection", branchId: world.branchA1, redistribute: "yes", selection: { by: "ids", clientIds: clients.map((c) => c.clientId) } });
    expect((await refusal(() => closeBranch(admins.bankA, { branchId }))).messageKey).toBe("branchHasUsers");
    // A disabled user does not keep a branch open; the active one is moved.
    await setUserActive(admins.bankA, { userId: staff.userId, isActive: "no" });
    await closeBranch(admins.bankA, { branchId }, META);

    const row = (await listAdminBranches(admins.bankA))!.find((b) => b.id === branchId);
    expect(row?.closedAt).toBeInstanceOf(Date);
    expect(await lastAudit(branchId)).toMatchObject({ action: "branch.close", actorId: admins.ids.bankA, ip: META.ip });
    expect((await getAdminOverview(admins.bankA)) as { closedBranches: number }).toMatchObject({ closedBranches: expect.any(Number) });

    // Closed: no new users, nobody moved in, not closed twice; the history stays.
    const email = `late.${randomUUID().slice(0, 8)}@shoudai.test`;
    expect((await refusal(() => createBankUser(admins.bankA, { email, name: "迟到", role: "ACCOUNT_MANAGER", branchId }))).messageKey).toBe("branchClosed");
    expect((await refusal(() => changeUserRole(admins.bankA, { userId: world.userIds.sameBranchManager, role: "ACCOUNT_MANAGER", branchId }))).messageKey).toBe("branchClosed");
    expect((await refusal(() => closeBranch(admins.bankA, { branchId }))).messageKey).toBe("branchAlreadyClosed");
    expect(await db.user.findUniqueOrThrow({ where: { id: staff.userId }, select: { branchId: true } })).toEqual({ branchId });
    // Nor clients: head office cannot distribute into it, and its distribution screen no longer offers it.
    const late = await addClients(world, 1);
    const hq = await world.actor("headOffice");
    const refused = await refusal(() => distributeClients(hq, { mode: "selection", branchId, selection: { by: "ids", clientIds: late.map((c) => c.clientId) } }));
    expect(refused.code).toBe("NOT_FOUND");
    expect(await db.bankClient.count({ where: { branchId } })).toBe(0);
    const overview = await getDistributionOverview(hq);
    expect(overview?.branches.map((b) => b.id)).not.toContain(branchId);
    expect(overview?.branches.map((b) => b.id)).toContain(world.branchA1);
  });

  it("a branch whose only users were moved away closes", async () => {
    const { branchId } = await createBranch(admins.bankA, { code: code(), name: "小支行", nameEn: "Small", countyCode: "330106" });
    const head = await addUser(world, { role: "BRANCH_HEAD", branchId });
    expect((await refusal(() => closeBranch(admins.bankA, { branchId }))).messageKey).toBe("branchHasUsers");
    await changeUserRole(admins.bankA, { userId: head.id, role: "BRANCH_HEAD", branchId: world.branchA2 });
    await closeBranch(admins.bankA, { branchId });
    expect((await db.branch.findUniqueOrThrow({ where: { id: branchId } })).closedAt).not.toBeNull();
  });

  it("another bank's branch answers like a missing one", async () => {
    for (const branchId of [world.branchB1, randomUUID()]) {
      const error = await refusal(() => closeBranch(admins.bankA, { branchId }));
      expect([error.code, error.messageKey]).toEqual(["NOT_FOUND", "notFound"]);
    }
    expect((await db.branch.findUniqueOrThrow({ where: { id: world.branchB1 } })).closedAt).toBeNull();
  });
});

describe("races", () => {
  it("closing a branch while a user is being added to it: either the user is in and the branch open, or the branch closed and nobody added", async () => {
    for (let round = 0; round < 4; round += 1) {
      const { branchId } = await createBranch(admins.bankA, { code: code(), name: `竞速${round}`, nameEn: "Race", countyCode: "330106" });
      const email = `race.${randomUUID().slice(0, 8)}@shoudai.test`;
      const [closed, created] = await Promise.allSettled([
        closeBranch(admins.bankA, { branchId }),
        createBankUser(admins.bankA, { email, name: "竞速", role: "ACCOUNT_MANAGER", branchId }),
      ]);
      const branch = await db.branch.findUniqueOrThrow({ where: { id: branchId } });
      const users = await db.user.count({ where: { branchId, isActive: true } });
      if (branch.closedAt) {
        expect(users, `round ${round}`).toBe(0);
        expect(created.status).toBe("rejected");
      } else {
        expect(users, `round ${round}`).toBe(1);
        expect(closed.status).toBe("rejected");
      }
    }
  });
});
