-- Pool search: the branch decides the bank and the manager decides the branch. Without this
-- the planner multiplies the selectivities of bank_id, branch_id and manager_id as if they were
-- independent: it expected 5,109 of the largest branch's 18,151 clients (zhejiang-2020) and
-- picked a hash join over a sequential scan of all 722,880 enterprises for that branch's page.
-- (A statistics object: Prisma's schema engine neither sees nor diffs it.)
CREATE STATISTICS "bank_clients_scope_stats" (dependencies) ON "bank_id", "branch_id", "manager_id" FROM "bank_clients";
ANALYZE "bank_clients";
