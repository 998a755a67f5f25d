// The one place that decides what an actor may see and change in a bank's private pipeline.
// Every query and command that touches bank_clients (and what hangs off them) goes through
// these filters, so "not yours" and "does not exist" are the same empty result.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { Jurisdiction } from "@/lib/generated/prisma/enums";

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
 * clientReadScope as a SQL condition on `bank_clients bc`, for raw queries (the pool search,
 * bulk moves). Must select exactly the rows clientReadScope selects: the scope test checks
 * both against every actor of the test world.
 */
export function clientReadScopeSql(actor: Actor | null): Prisma.Sql {
  if (!actor) return Prisma.sql`false`;
  switch (actor.role) {
    case "ACCOUNT_MANAGER":
      return actor.bankId && actor.branchId
        ? Prisma.sql`(bc.bank_id = ${actor.bankId}::uuid AND bc.branch_id = ${actor.branchId}::uuid AND bc.manager_id = ${actor.userId}::uuid)`
        : Prisma.sql`false`;
    case "BRANCH_HEAD":
      return actor.bankId && actor.branchId
        ? Prisma.sql`(bc.bank_id = ${actor.bankId}::uuid AND bc.branch_id = ${actor.branchId}::uuid)`
        : Prisma.sql`false`;
    case "BANK_HEAD_OFFICE":
      return actor.bankId ? Prisma.sql`bc.bank_id = ${actor.bankId}::uuid` : Prisma.sql`false`;
    case "REGULATOR":
      return Prisma.sql`false`;
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

// ───────────────────────── Rollups: what an actor may aggregate ─────────────────────────

/**
 * Which rollups an actor may read. Regulators read the province (their jurisdiction decides
 * the Ningbo default and whether they may switch it), never a bank's pipeline or personal
 * data; bank head office reads its own bank (by branch, city, county); a branch head their
 * branch (by manager); an account manager their own figures. Everyone else: nothing.
 */
export type RollupScope =
  | { level: "province"; ningboOnly: boolean; canSwitchNingbo: boolean; defaultNingbo: "include" | "exclude" }
  | { level: "bank"; bankId: string; canSwitchNingbo: true; defaultNingbo: "include" }
  | { level: "branch"; bankId: string; branchId: string }
  | { level: "manager"; bankId: string; branchId: string; managerId: string };

export function rollupScope(actor: Actor | null): RollupScope | null {
  if (!actor) return null;
  switch (actor.role) {
    case "REGULATOR":
      if (actor.jurisdiction === "NINGBO") return { level: "province", ningboOnly: true, canSwitchNingbo: false, defaultNingbo: "include" };
      if (actor.jurisdiction === "ZHEJIANG") return { level: "province", ningboOnly: false, canSwitchNingbo: true, defaultNingbo: "include" };
      if (actor.jurisdiction === "ZHEJIANG_EXCL_NINGBO") {
        // Provincial figures are published with and without Ningbo: the bureau may switch.
        return { level: "province", ningboOnly: false, canSwitchNingbo: true, defaultNingbo: "exclude" };
      }
      return null;
    case "BANK_HEAD_OFFICE":
      return actor.bankId ? { level: "bank", bankId: actor.bankId, canSwitchNingbo: true, defaultNingbo: "include" } : null;
    case "BRANCH_HEAD":
      return actor.bankId && actor.branchId ? { level: "branch", bankId: actor.bankId, branchId: actor.branchId } : null;
    case "ACCOUNT_MANAGER":
      return actor.bankId && actor.branchId ? { level: "manager", bankId: actor.bankId, branchId: actor.branchId, managerId: actor.userId } : null;
  }
}

// ───────────────────────── Regulator admins ─────────────────────────

/**
 * The jurisdictions a regulator admin may hand out or manage: no more than they see themselves
 * (浙江 covers all three; 浙江不含宁波 and 宁波 only their own), so no admin creates a user who
 * sees more than they do.
 */
export function jurisdictionsOf(admin: Actor): Jurisdiction[] {
  switch (admin.jurisdiction) {
    case "ZHEJIANG": return ["ZHEJIANG", "ZHEJIANG_EXCL_NINGBO", "NINGBO"];
    case "ZHEJIANG_EXCL_NINGBO": return ["ZHEJIANG_EXCL_NINGBO"];
    case "NINGBO": return ["NINGBO"];
    default: return [];
  }
}
