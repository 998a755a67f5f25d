// Authorization-matrix rows of organisation admin (see tests/support/authz-matrix.ts). None of
// the world's ten callers is an admin, so every one of them is refused everything here (the
// head office without admin rights and the plain regulator included). What admins may do is in
// `adminCells`, executed by tests/integration/admin-authz.test.ts with three more callers:
//
//   bankAdmin        bank A's head-office admin (the targets are bank A's)
//   otherBankAdmin   bank B's head-office admin: bank A's ids answer like missing ones
//   regulatorAdmin   a regulator admin: banks and regulator users, never a bank's users
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { createBankUser } from "@/lib/commands/admin/create-bank-user";
import { createRegulatorUser } from "@/lib/commands/admin/create-regulator-user";
import { changeUserRole } from "@/lib/commands/admin/change-user-role";
import { changeUserJurisdiction } from "@/lib/commands/admin/change-user-jurisdiction";
import { setUserActive } from "@/lib/commands/admin/set-user-active";
import { setUserAdmin } from "@/lib/commands/admin/set-user-admin";
import { resetUserPassword } from "@/lib/commands/admin/reset-user-password";
import { resetUserTotp } from "@/lib/commands/admin/reset-user-totp";
import { setBankRequireTotp } from "@/lib/commands/admin/set-bank-require-totp";
import { createBranch } from "@/lib/commands/admin/create-branch";
import { renameBranch } from "@/lib/commands/admin/rename-branch";
import { closeBranch } from "@/lib/commands/admin/close-branch";
import { createBank } from "@/lib/commands/admin/create-bank";
import { getAdminOverview } from "@/lib/queries/admin/overview";
import { listAdminUsers } from "@/lib/queries/admin/users";
import { getAdminUser } from "@/lib/queries/admin/user";
import { listAdminBranches } from "@/lib/queries/admin/branches";
import { listAdminBanks } from "@/lib/queries/admin/banks";
import { userFilterSchema } from "@/lib/schemas/admin";
import type { Actor } from "@/lib/auth/actor";
import { createBranch as createBranchRow, createUser } from "@/prisma/seed/factories";
import { action, only, type ActionRowOf, type Cell, type QueryRow } from "./authz-cells";
import type { World } from "./world";
import { addAdmins } from "./admin";

export type AdminActorName = "bankAdmin" | "otherBankAdmin" | "regulatorAdmin";
export const ADMIN_ACTOR_NAMES: readonly AdminActorName[] = ["bankAdmin", "otherBankAdmin", "regulatorAdmin"];
export type AdminCells = Record<AdminActorName, Cell>;

const BANK_ADMIN: AdminCells = { bankAdmin: "allow", otherBankAdmin: "deny", regulatorAdmin: "deny" };
const REGULATOR_ADMIN: AdminCells = { bankAdmin: "deny", otherBankAdmin: "deny", regulatorAdmin: "allow" };
/** No admin right reaches it: for the world's ten callers, every cell is "deny". */
const NOBODY = only();

const short = () => randomUUID().slice(0, 8);

/** A fresh account manager of bank A's branch A1 (the target of a bank admin's change). */
async function bankUser(world: World, role: "ACCOUNT_MANAGER" | "BANK_HEAD_OFFICE" = "ACCOUNT_MANAGER"): Promise<string> {
  const user = await createUser(db, {
    email: `t.${short()}.${world.tag}@shoudai.test`, name: `目标${short().slice(0, 4)}`, role,
    bankId: world.bankA, branchId: role === "ACCOUNT_MANAGER" ? world.branchA1 : null,
  });
  return user.id;
}

async function regulatorUser(world: World): Promise<string> {
  const user = await createUser(db, { email: `r.${short()}.${world.tag}@shoudai.test`, name: `监管${short().slice(0, 4)}`, role: "REGULATOR", jurisdiction: "ZHEJIANG" });
  return user.id;
}

/** A fresh, empty branch of bank A. */
async function emptyBranch(world: World): Promise<string> {
  return (await createBranchRow(db, { bankId: world.bankA, code: `E${short()}`, name: "空支行", nameEn: "Empty", countyCode: "330106" })).id;
}

type AdminActionRow<C> = ActionRowOf<C> & { adminCells: AdminCells };
function adminAction<C>(row: AdminActionRow<C>): AdminActionRow<unknown> {
  return action(row) as AdminActionRow<unknown>;
}

export const ADMIN_ACTIONS: readonly AdminActionRow<unknown>[] = [
  adminAction({
    action: "createBankUserAction", file: "lib/actions/admin.ts", command: "createBankUser",
    cells: NOBODY, adminCells: BANK_ADMIN,
    prepare: async (world) => world.branchA1,
    call: (actor, branchId) => createBankUser(actor, { email: `n.${short()}@shoudai.test`, name: "新人", role: "ACCOUNT_MANAGER", branchId }),
  }),
  adminAction({
    action: "createRegulatorUserAction", file: "lib/actions/admin.ts", command: "createRegulatorUser",
    cells: NOBODY, adminCells: REGULATOR_ADMIN,
    prepare: async () => null,
    call: (actor) => createRegulatorUser(actor, { email: `n.${short()}@bureau.test`, name: "新监管员", jurisdiction: "NINGBO" }),
  }),
  adminAction({
    action: "changeUserRoleAction", file: "lib/actions/admin.ts", command: "changeUserRole",
    cells: NOBODY, adminCells: BANK_ADMIN,
    prepare: (world) => bankUser(world).then((userId) => ({ userId, branchId: world.branchA2 })),
    call: (actor, { userId, branchId }) => changeUserRole(actor, { userId, role: "ACCOUNT_MANAGER", branchId }),
  }),
  adminAction({
    action: "changeUserJurisdictionAction", file: "lib/actions/admin.ts", command: "changeUserJurisdiction",
    cells: NOBODY, adminCells: REGULATOR_ADMIN,
    prepare: (world) => regulatorUser(world),
    call: (actor, userId) => changeUserJurisdiction(actor, { userId, jurisdiction: "NINGBO" }),
  }),
  adminAction({
    action: "setUserActiveAction", file: "lib/actions/admin.ts", command: "setUserActive",
    cells: NOBODY, adminCells: BANK_ADMIN,
    prepare: (world) => bankUser(world),
    call: (actor, userId) => setUserActive(actor, { userId, isActive: "no" }),
  }),
  adminAction({
    action: "setUserAdminAction", file: "lib/actions/admin.ts", command: "setUserAdmin",
    cells: NOBODY, adminCells: BANK_ADMIN,
    prepare: (world) => bankUser(world, "BANK_HEAD_OFFICE"),
    call: (actor, userId) => setUserAdmin(actor, { userId, isAdmin: "yes" }),
  }),
  adminAction({
    action: "resetUserPasswordAction", file: "lib/actions/admin.ts", command: "resetUserPassword",
    cells: NOBODY, adminCells: BANK_ADMIN,
    prepare: (world) => bankUser(world),
    call: (actor, userId) => resetUserPassword(actor, { userId }),
  }),
  adminAction({
    action: "resetUserTotpAction", file: "lib/actions/admin.ts", command: "resetUserTotp",
    cells: NOBODY, adminCells: BANK_ADMIN,
    prepare: async (world) => {
      const userId = await bankUser(world);
      await db.user.update({ where: { id: userId }, data: { totpSecret: "sealed-test-secret", totpEnabledAt: new Date() } });
      return userId;
    },
    call: (actor, userId) => resetUserTotp(actor, { userId }),
  }),
  adminAction({
    action: "setBankRequireTotpAction", file: "lib/actions/admin.ts", command: "setBankRequireTotp",
    // The bank is the caller's own: bank B's admin switches bank B's rule (allowed, its own);
    // nobody names another bank here, so there is no cross-bank cell to refuse.
    cells: NOBODY, adminCells: { bankAdmin: "allow", otherBankAdmin: "allow", regulatorAdmin: "deny" },
    prepare: async (world) => {
      await db.bank.updateMany({ where: { id: { in: [world.bankA, world.bankB] } }, data: { requireTotp: false } });
      return null;
    },
    call: (actor) => setBankRequireTotp(actor, { requireTotp: "yes" }),
  }),
  adminAction({
    action: "createBranchAction", file: "lib/actions/admin.ts", command: "createBranch",
    cells: NOBODY, adminCells: { bankAdmin: "allow", otherBankAdmin: "allow", regulatorAdmin: "deny" },
    prepare: async () => null,
    call: (actor) => createBranch(actor, { code: `N${short()}`, name: "新支行", nameEn: "New", countyCode: "330106" }),
  }),
  adminAction({
    action: "renameBranchAction", file: "lib/actions/admin.ts", command: "renameBranch",
    cells: NOBODY, adminCells: BANK_ADMIN,
    prepare: (world) => emptyBranch(world),
    call: (actor, branchId) => renameBranch(actor, { branchId, name: `改名${short()}`, nameEn: "Renamed" }),
  }),
  adminAction({
    action: "closeBranchAction", file: "lib/actions/admin.ts", command: "closeBranch",
    cells: NOBODY, adminCells: BANK_ADMIN,
    prepare: (world) => emptyBranch(world),
    call: (actor, branchId) => closeBranch(actor, { branchId }),
  }),
  adminAction({
    action: "createBankAction", file: "lib/actions/admin.ts", command: "createBank",
    cells: NOBODY, adminCells: REGULATOR_ADMIN,
    prepare: async () => null,
    call: (actor) => createBank(actor, { code: `K${short()}`, name: "新银行", nameEn: "New Bank", adminEmail: `a.${short()}@newbank.test`, adminName: "管理员" }),
  }),
];

type AdminQueryRow = QueryRow & { adminCells: AdminCells };

const bankAName = (world: World) => `甲银行${world.tag}`;

export const ADMIN_QUERIES: readonly AdminQueryRow[] = [
  {
    query: "getAdminOverview", file: "lib/queries/admin/overview.ts",
    // A bank admin gets their bank's (bank B's admin gets bank B's, not A's); the regulator admin the regulator side.
    cells: NOBODY, adminCells: BANK_ADMIN,
    sees: async (world, actor) => {
      const overview = await getAdminOverview(actor);
      return overview?.kind === "bank" ? overview.bankName === bankAName(world) : false;
    },
  },
  {
    query: "listAdminUsers", file: "lib/queries/admin/users.ts",
    cells: NOBODY, adminCells: BANK_ADMIN,
    sees: async (world, actor) => !!(await listAdminUsers(actor, userFilterSchema.parse({})))?.rows.some((r) => r.id === world.userIds.owner),
  },
  {
    query: "getAdminUser", file: "lib/queries/admin/user.ts",
    cells: NOBODY, adminCells: BANK_ADMIN,
    sees: async (world, actor) => (await getAdminUser(actor, world.userIds.owner))?.id === world.userIds.owner,
  },
  {
    query: "listAdminBranches", file: "lib/queries/admin/branches.ts",
    cells: NOBODY, adminCells: BANK_ADMIN,
    sees: async (world, actor) => !!(await listAdminBranches(actor))?.some((b) => b.id === world.branchA1),
  },
  {
    query: "listAdminBanks", file: "lib/queries/admin/banks.ts",
    cells: NOBODY, adminCells: REGULATOR_ADMIN,
    sees: async (world, actor) => !!(await listAdminBanks(actor))?.some((b) => b.id === world.bankA),
  },
];

/** The admin callers for a world (made once per test file). */
export async function adminActors(world: World): Promise<Record<AdminActorName, Actor>> {
  const admins = await addAdmins(world);
  return { bankAdmin: admins.bankA, otherBankAdmin: admins.bankB, regulatorAdmin: admins.regulator };
}
