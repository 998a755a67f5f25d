// The one statement every distribution command ends in: lock the chosen clients, give each its
// new branch and manager, and append one client_assignments row per moved client, set-based
// (100,000 clients are one UPDATE and one INSERT, not 100,000 round trips). Authorization is
// the caller's job: `where` must already be limited to what the actor may move.
import { Prisma } from "@/lib/generated/prisma/client";
import type { AssignmentKind } from "@/lib/generated/prisma/enums";
import type { Tx } from "@/lib/db-client";

/** Where the chosen clients go, branch-wise. */
export type BranchTarget =
  | { kind: "keep" }
  | { kind: "fixed"; branchId: string }
  /** Each client to the branch of its enterprise's county (pairs of county code → branch id). */
  | { kind: "byCounty"; counties: string[]; branchIds: string[] };

export type MovePlan = {
  bankId: string;
  actorId: string;
  kind: AssignmentKind;
  reason: string | null;
  /** Condition on `bc` (bank_clients, its copy of the enterprise's name and county included): the clients to move. */
  where: Prisma.Sql;
  branch: BranchTarget;
  /**
   * New managers: none (cleared: the client waits for its branch head), or one or several,
   * dealt round-robin in a fixed order (enterprise name, then enterprise id: the pool screen's), so the shares differ
   * by at most one and the same input always gives the same split.
   */
  managerIds: string[];
};

export type MoveResult = {
  moved: number;
  /** Moved clients per new manager (in the order given) or per new branch. */
  perManager: { managerId: string; count: number }[];
  perBranch: { branchId: string | null; count: number }[];
};

export async function moveClients(tx: Tx, plan: MovePlan): Promise<MoveResult> {
  const k = Math.max(1, plan.managerIds.length);
  const managers = plan.managerIds;
  const branchJoin =
    plan.branch.kind === "byCounty"
      ? Prisma.sql`JOIN unnest(${plan.branch.counties}::text[], ${plan.branch.branchIds}::uuid[]) AS ct(county_code, branch_id) ON ct.county_code = bc.enterprise_county`
      : Prisma.empty;
  const toBranch =
    plan.branch.kind === "byCounty"
      ? Prisma.sql`ct.branch_id`
      : plan.branch.kind === "fixed"
        ? Prisma.sql`${plan.branch.branchId}::uuid`
        : Prisma.sql`bc.branch_id`;
  // Clients that would not change are left out, so counts and history say what really moved.
  const changes = managers.length
    ? Prisma.sql`(bc.branch_id IS DISTINCT FROM ${toBranch} OR bc.manager_id IS NULL OR NOT (bc.manager_id = ANY(${managers}::uuid[])))`
    : Prisma.sql`(bc.branch_id IS DISTINCT FROM ${toBranch} OR bc.manager_id IS NOT NULL)`;

  // The pool screen's order (enterprise name, then id) when the clients are dealt out; one
  // target needs no order (sorting 100,000 names is a measurable share of a bulk move).
  const order = k > 1 ? Prisma.sql`ORDER BY p.name, p.eid` : Prisma.empty;
  // Room to hash and sort a province-sized selection in memory instead of on disk.
  await tx.$executeRaw`SELECT set_config('work_mem', '64MB', true)`;
  const rows = await tx.$queryRaw<{ to_branch: string | null; to_manager: string | null; n: number }[]>`
    WITH picked AS (
      SELECT bc.id, bc.enterprise_id, bc.branch_id AS from_branch, bc.manager_id AS from_manager,
             ${toBranch} AS to_branch, bc.enterprise_name AS name, bc.enterprise_id AS eid
      FROM bank_clients bc
      ${branchJoin}
      WHERE bc.bank_id = ${plan.bankId}::uuid AND (${plan.where}) AND ${changes}
      -- One lock order for every move: two overlapping moves wait for each other, never deadlock.
      ORDER BY bc.id
      FOR UPDATE OF bc
    ),
    numbered AS (
      SELECT p.*, (row_number() OVER (${order}) - 1) % ${k}::int AS slot FROM picked p
    ),
    targets AS (
      SELECT t.manager_id, (t.ord - 1)::int AS slot
      FROM unnest(${managers}::uuid[]) WITH ORDINALITY AS t(manager_id, ord)
    ),
    plan AS (
      SELECT n.id, n.enterprise_id, n.from_branch, n.from_manager, n.to_branch, t.manager_id AS to_manager
      FROM numbered n LEFT JOIN targets t ON t.slot = n.slot
    ),
    -- Data-modifying CTEs run whether or not they are read; both take every row of plan.
    moved AS (
      UPDATE bank_clients bc
      SET branch_id = plan.to_branch, manager_id = plan.to_manager, updated_at = now()
      FROM plan WHERE bc.id = plan.id
      RETURNING bc.id
    ),
    history AS (
      INSERT INTO client_assignments
        (client_id, bank_id, enterprise_id, kind, from_branch_id, to_branch_id, from_manager_id, to_manager_id, actor_id, reason, at)
      SELECT plan.id, ${plan.bankId}::uuid, plan.enterprise_id, ${plan.kind}::"AssignmentKind",
             plan.from_branch, plan.to_branch, plan.from_manager, plan.to_manager, ${plan.actorId}::uuid, ${plan.reason}, now()
      FROM plan
      RETURNING to_branch_id, to_manager_id
    )
    SELECT h.to_branch_id::text AS to_branch, h.to_manager_id::text AS to_manager, count(*)::int AS n
    FROM history h
    GROUP BY 1, 2`;

  const perManager = managers.map((managerId) => ({
    managerId,
    count: rows.filter((r) => r.to_manager === managerId).reduce((sum, r) => sum + r.n, 0),
  }));
  const byBranch = new Map<string | null, number>();
  for (const r of rows) byBranch.set(r.to_branch, (byBranch.get(r.to_branch) ?? 0) + r.n);
  return {
    moved: rows.reduce((sum, r) => sum + r.n, 0),
    perManager,
    perBranch: [...byBranch].map(([branchId, count]) => ({ branchId, count })),
  };
}
