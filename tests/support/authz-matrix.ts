// The authorization matrix: every server action (lib/actions/*.ts) and every data-layer read
// (lib/queries/*.ts) × every kind of caller, with the expected answer. It is the written rule
// and the test at once: tests/integration/authz-matrix.test.ts executes every cell against the
// command or query behind the entry (allowed cells succeed; denied cells answer like "not
// found" — UNAUTHENTICATED for signed-out and disabled callers — and write zero rows), and
// fails when an action or query exists without a row here.
//
// The world (tests/support/world.ts): bank A with branches A1 and A2, bank B with B1; the
// target enterprise is bank A's client at A1, managed by `owner`.
//
//   owner               the client's account manager (A1)
//   sameBranchManager   another account manager of A1 (not the client's)
//   otherBranchManager  an account manager of A2
//   otherBankManager    an account manager of bank B
//   branchHead          the head of A1
//   otherBranchHead     the head of A2
//   headOffice          bank A's head office (reads the whole bank, changes nothing)
//   regulator           aggregates only, never a bank's pipeline
//   signedOut, disabled no session / a deactivated account
//
// Rollup reads (dashboards, province figures, exports) take their scope from the caller, never
// from a parameter: "allow" means the caller gets figures (of their own scope), "deny" means
// null. Where the answer names its subject (a bank, a branch, a manager's own items) the cell
// checks it is the world's bank A / branch A1 / the owner's; the figures themselves are tested
// in tests/integration/rollups-*.test.ts.
import { logVisit } from "@/lib/commands/log-visit";
import { proposeCredit } from "@/lib/commands/propose-credit";
import { decideCredit } from "@/lib/commands/decide-credit";
import { withdrawCredit } from "@/lib/commands/withdraw-credit";
import { recordDisbursement } from "@/lib/commands/record-disbursement";
import { recordRepayment } from "@/lib/commands/record-repayment";
import { getPipeline } from "@/lib/queries/get-pipeline";
import { listPool, poolFilterSchema } from "@/lib/queries/list-pool";
import { listPendingApprovals } from "@/lib/queries/list-approvals";
import { countPendingApprovals } from "@/lib/queries/count-approvals";
import { getApproval } from "@/lib/queries/get-approval";
import { getProvinceRollup, rollupParamsSchema } from "@/lib/queries/province-rollup";
import { getRegulatorView } from "@/lib/queries/regulator-rollup";
import { getBankDashboard } from "@/lib/queries/bank-dashboard";
import { getBranchDashboard } from "@/lib/queries/branch-dashboard";
import { getManagerHome } from "@/lib/queries/manager-home";
import { getFirstLoanTrend } from "@/lib/queries/first-loan-trend";
import { buildExportTable } from "@/lib/queries/export-table";
import { todayInShanghai } from "@/lib/domain/dates";
import { listRecentClients } from "@/lib/queries/recent-clients";
import { db } from "@/lib/db";
import { addClient, approvedLine, disbursementInput, pendingLine, proposalInput, repaymentInput } from "./money";

import { ACTOR_NAMES, action, only, type ActionRow, type QueryRow } from "./authz-cells";
import { ACCOUNT_ACTIONS, ACCOUNT_QUERIES } from "./authz-matrix-account";
import { ALLOCATION_ACTIONS, ALLOCATION_QUERIES } from "./authz-matrix-allocation";
import { ASSIGN_ACTIONS, ASSIGN_QUERIES } from "./authz-matrix-assign";
import { LIST_ACTIONS, LIST_QUERIES } from "./authz-matrix-lists";
import { AUDIT_ACTIONS, AUDIT_QUERIES } from "./authz-matrix-audit";
import { ADMIN_ACTIONS, ADMIN_QUERIES } from "./authz-matrix-admin";
import { NOTICE_ACTIONS, NOTICE_QUERIES } from "./authz-matrix-notices";
import { ALERT_ACTIONS, ALERT_QUERIES } from "./authz-matrix-alerts";
import { ASSESSMENT_ACTIONS, ASSESSMENT_QUERIES } from "./authz-matrix-assessment";
import { POOL_QUERIES } from "./authz-matrix-pool";

export { ACTOR_NAMES, type ActionRow, type QueryRow };

/** Work on a client: its own account manager and the head of its branch. */
const WORKERS = only("owner", "branchHead");

const CORE_ACTIONS: readonly ActionRow[] = [
  action({
    action: "logVisitAction",
    file: "lib/actions/visits.ts",
    command: "logVisit",
    cells: WORKERS,
    prepare: (world) => addClient(world),
    call: (actor, { enterpriseId }) =>
      logVisit(actor, { enterpriseId, visitedOn: todayInShanghai(), mode: "PHONE", hasNeed: "yes", amountWan: "50", termMonths: "12", purpose: "WORKING_CAPITAL" }),
  }),
  action({
    action: "proposeCreditAction",
    file: "lib/actions/credit.ts",
    command: "proposeCredit",
    cells: WORKERS,
    prepare: (world) => addClient(world),
    call: (actor, { enterpriseId }) => proposeCredit(actor, proposalInput(enterpriseId)),
  }),
  action({
    action: "decideCreditAction",
    file: "lib/actions/credit.ts",
    command: "decideCredit",
    // Only a head of the client's branch; the proposer (here the owner) never (maker-checker).
    cells: only("branchHead"),
    prepare: async (world) => pendingLine(world, (await addClient(world)).enterpriseId),
    call: (actor, creditLineId) => decideCredit(actor, { creditLineId, decision: "APPROVE" }),
  }),
  action({
    action: "withdrawCreditAction",
    file: "lib/actions/credit.ts",
    command: "withdrawCredit",
    // Only the proposal's author (the owner proposed it), never their branch head or colleagues.
    cells: only("owner"),
    prepare: async (world) => pendingLine(world, (await addClient(world)).enterpriseId),
    call: (actor, creditLineId) => withdrawCredit(actor, { creditLineId }),
  }),
  action({
    action: "recordDisbursementAction",
    file: "lib/actions/disbursements.ts",
    command: "recordDisbursement",
    cells: WORKERS,
    prepare: async (world) => approvedLine(world, (await addClient(world)).enterpriseId),
    call: (actor, creditLineId) => recordDisbursement(actor, disbursementInput(creditLineId, "1000")),
  }),
  action({
    action: "recordRepaymentAction",
    file: "lib/actions/repayments.ts",
    command: "recordRepayment",
    cells: WORKERS,
    prepare: async (world) => {
      const creditLineId = await approvedLine(world, (await addClient(world)).enterpriseId);
      await recordDisbursement(await world.actor("owner"), disbursementInput(creditLineId, "1000"));
      return creditLineId;
    },
    call: (actor, creditLineId) => recordRepayment(actor, repaymentInput(creditLineId, "400")),
  }),
];

/** Server actions outside the matrix, and why. */
export const PUBLIC_ACTIONS: Readonly<Record<string, string>> = {
  signInAction: "public by nature: it is how a caller gets a session (credentials checked by Auth.js, one answer for unknown email and wrong password)",
  signOutAction: "ends the caller's own session only; harmless without one",
  setLocaleAction: "sets the caller's own language cookie; reads and writes no data",
};

const CORE_QUERIES: readonly QueryRow[] = [
  {
    // The offline list a manager's phone keeps: their own clients only (a colleague, their head
    // and head office get none of the owner's).
    query: "listRecentClients",
    file: "lib/queries/recent-clients.ts",
    cells: only("owner"),
    sees: async (world, actor) => ((await listRecentClients(actor)) ?? []).some((c) => c.enterpriseId === world.enterpriseId),
  },
  {
    query: "getPipeline",
    file: "lib/queries/get-pipeline.ts",
    cells: only("owner", "branchHead", "headOffice"),
    sees: async (world, actor) => (await getPipeline(actor, world.enterpriseId)) !== null,
  },
  {
    query: "listPool",
    file: "lib/queries/list-pool.ts",
    cells: only("owner", "branchHead", "headOffice"),
    sees: async (world, actor) => {
      const enterprise = await db.enterprise.findUniqueOrThrow({ where: { id: world.enterpriseId }, select: { uscc: true } });
      const { rows } = await listPool(actor, poolFilterSchema.parse({ q: enterprise.uscc }));
      return rows.some((row) => row.enterpriseId === world.enterpriseId);
    },
  },
  {
    query: "listPendingApprovals",
    file: "lib/queries/list-approvals.ts",
    cells: only("branchHead"),
    sees: async (world, actor) => {
      const { enterpriseId } = await addClient(world);
      const creditLineId = await pendingLine(world, enterpriseId);
      return (await listPendingApprovals(actor)).some((row) => row.creditLineId === creditLineId);
    },
  },
  {
    query: "countPendingApprovals",
    file: "lib/queries/count-approvals.ts",
    cells: only("branchHead"),
    sees: async (world, actor) => {
      const before = await countPendingApprovals(actor);
      const { enterpriseId } = await addClient(world);
      await pendingLine(world, enterpriseId);
      return (await countPendingApprovals(actor)) > before;
    },
  },
  {
    query: "getApproval",
    file: "lib/queries/get-approval.ts",
    cells: only("branchHead"),
    sees: async (world, actor) => {
      const { enterpriseId } = await addClient(world);
      const creditLineId = await pendingLine(world, enterpriseId);
      return (await getApproval(actor, creditLineId)) !== null;
    },
  },
  {
    query: "getProvinceRollup",
    file: "lib/queries/province-rollup.ts",
    // Regulators the province; head office its own bank's figures on the same screen.
    cells: only("headOffice", "regulator"),
    sees: async (_world, actor) => (await getProvinceRollup(actor, rollupParamsSchema.parse({}))) !== null,
  },
  {
    query: "getRegulatorView",
    file: "lib/queries/regulator-rollup.ts",
    // Regulators only (head office has its own dashboard); the world's regulator is the bureau
    // without Ningbo: its view is the ten other cities.
    cells: only("regulator"),
    sees: async (_world, actor) => {
      const view = await getRegulatorView(actor, rollupParamsSchema.parse({}), "zh-CN", async (data) => data);
      return view?.rollup.ningbo === "exclude" && view.rollup.rows.length === 10 && !view.rollup.rows.some((r) => r.code === "330200");
    },
  },
  {
    query: "getBankDashboard",
    file: "lib/queries/bank-dashboard.ts",
    cells: only("headOffice"),
    sees: async (world, actor) => (await getBankDashboard(actor, {}))?.bankName === `甲银行${world.tag}`,
  },
  {
    query: "getBranchDashboard",
    file: "lib/queries/branch-dashboard.ts",
    // The head of A1 sees A1; the head of A2 gets A2's dashboard, never A1's.
    cells: only("branchHead"),
    sees: async (_world, actor) => (await getBranchDashboard(actor, {}))?.branchName === "甲一支行",
  },
  {
    query: "getManagerHome",
    file: "lib/queries/manager-home.ts",
    cells: only("owner"),
    // A new proposal for the owner's client shows in the owner's home only.
    sees: async (world, actor) => {
      const before = (await getManagerHome(actor, {}))?.pending.count;
      await pendingLine(world, (await addClient(world)).enterpriseId);
      const after = (await getManagerHome(actor, {}))?.pending.count;
      return before !== undefined && after === before + 1;
    },
  },
  {
    query: "getFirstLoanTrend",
    file: "lib/queries/first-loan-trend.ts",
    // Every signed-in role has a trend of its own scope (province, bank, branch, own clients).
    cells: only("owner", "sameBranchManager", "otherBranchManager", "otherBankManager", "branchHead", "otherBranchHead", "headOffice", "regulator"),
    sees: async (_world, actor) => (await getFirstLoanTrend(actor, { year: Number(todayInShanghai().slice(0, 4)), cities: "all" })) !== null,
  },
  {
    query: "buildExportTable",
    file: "lib/queries/export-table.ts",
    // The province table; the bank and branch tables follow their dashboards' scopes.
    cells: only("headOffice", "regulator"),
    sees: async (_world, actor) => (await buildExportTable(actor, "province", {})) !== null,
  },
];

// Features keep their rows in files of their own (tests/support/authz-matrix-*.ts).
export const ACTION_MATRIX: readonly ActionRow[] = [...CORE_ACTIONS, ...LIST_ACTIONS, ...ALLOCATION_ACTIONS, ...ASSIGN_ACTIONS, ...ADMIN_ACTIONS, ...ACCOUNT_ACTIONS, ...AUDIT_ACTIONS, ...ALERT_ACTIONS, ...NOTICE_ACTIONS, ...ASSESSMENT_ACTIONS];
export const QUERY_MATRIX: readonly QueryRow[] = [...CORE_QUERIES, ...LIST_QUERIES, ...ALLOCATION_QUERIES, ...ASSIGN_QUERIES, ...ADMIN_QUERIES, ...ACCOUNT_QUERIES, ...AUDIT_QUERIES, ...ALERT_QUERIES, ...NOTICE_QUERIES, ...ASSESSMENT_QUERIES, ...POOL_QUERIES];
