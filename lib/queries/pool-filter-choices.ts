import "server-only";
// What the pool's filter bar offers and names: head office its bank's branches, a branch head
// the branch's managers (past ones included: their clients may still wait for a handover), and
// the name of a manager, branch or list batch a link filtered by. Only inside the reader's
// scope: an id from elsewhere gets no name (the filter then matches nothing anyway).
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { PoolFilter } from "@/lib/queries/pool-filter";

export type PoolFilterChoices = {
  branches: { id: string; name: string }[];
  managers: { id: string; name: string; isActive: boolean }[];
  /** Names of the filter's manager, branch and batch, when the reader may see them. */
  labels: { manager?: string; branch?: string; batch?: string };
};

const isUuid = (v: string | undefined): v is string => !!v && v !== "none";

export async function getPoolFilterChoices(actor: Actor | null, filter: PoolFilter): Promise<PoolFilterChoices | null> {
  if (!actor?.bankId || actor.role === "REGULATOR") return null;
  const bankId = actor.bankId;
  const isHeadOffice = actor.role === "BANK_HEAD_OFFICE";
  const isBranchHead = actor.role === "BRANCH_HEAD" && !!actor.branchId;
  const [branches, managers, manager, batch] = await Promise.all([
    isHeadOffice ? db.branch.findMany({ where: { bankId }, select: { id: true, name: true }, orderBy: { code: "asc" } }) : [],
    isBranchHead
      ? db.user.findMany({ where: { bankId, branchId: actor.branchId!, role: "ACCOUNT_MANAGER" }, select: { id: true, name: true, isActive: true }, orderBy: { name: "asc" } })
      : [],
    // Head office filters by any of its bank's users (a dashboard link); a manager only sees themself.
    isUuid(filter.manager) && (isHeadOffice || isBranchHead || filter.manager === actor.userId)
      ? db.user.findFirst({ where: { id: filter.manager, bankId, ...(isBranchHead ? { branchId: actor.branchId! } : {}) }, select: { name: true } })
      : null,
    isUuid(filter.batch)
      ? db.listBatch.findFirst({ where: { id: filter.batch, OR: [{ ownerBankId: null }, { ownerBankId: bankId }] }, select: { name: true } })
      : null,
  ]);
  const branch = isUuid(filter.branch) && isHeadOffice ? branches.find((b) => b.id === filter.branch) : undefined;
  return {
    branches,
    managers,
    labels: { manager: manager?.name, branch: branch?.name, batch: batch?.name },
  };
}
