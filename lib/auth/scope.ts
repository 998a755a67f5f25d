// The one place that decides what an actor may see and change in a bank's private pipeline.
// Every query and command that touches bank_clients (and what hangs off them) goes through
// these filters, so "not yours" and "does not exist" are the same empty result.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";

/** Matches nothing: used for actors who may not see any pipeline (regulators, strangers). */
const NOTHING: Prisma.BankClientWhereInput = { id: { in: [] } };

/** Which bank clients the actor may read. */
export function clientReadScope(actor: Actor | null): Prisma.BankClientWhereInput {
  if (!actor) return NOTHING;
  switch (actor.role) {
    case "ACCOUNT_MANAGER":
      // A manager works their own assigned pool, nothing else.
      return actor.bankId && actor.branchId
        ? { bankId: actor.bankId, branchId: actor.branchId, managerId: actor.userId }
        : NOTHING;
    case "BRANCH_HEAD":
      return actor.bankId && actor.branchId ? { bankId: actor.bankId, branchId: actor.branchId } : NOTHING;
    case "BANK_HEAD_OFFICE":
      return actor.bankId ? { bankId: actor.bankId } : NOTHING;
    case "REGULATOR":
      // Regulators see aggregates only, never a bank's pipeline or anyone's contact data.
      return NOTHING;
  }
}

/**
 * Which bank clients the actor may work on (log visits, propose credit, record money):
 * the client's own account manager, and the head of the client's branch. Head office reads.
 */
export function clientWorkScope(actor: Actor | null): Prisma.BankClientWhereInput {
  if (!actor) return NOTHING;
  if (actor.role === "ACCOUNT_MANAGER" || actor.role === "BRANCH_HEAD") return clientReadScope(actor);
  return NOTHING;
}

/** Branch heads decide on credit proposals of their own branch. */
export function approvalScope(actor: Actor | null): Prisma.BankClientWhereInput {
  if (!actor || actor.role !== "BRANCH_HEAD") return NOTHING;
  return clientReadScope(actor);
}

export function canSeePersonalData(actor: Actor | null): boolean {
  return !!actor && actor.role !== "REGULATOR";
}
