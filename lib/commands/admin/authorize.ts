// Who may administer what. A bank's head-office admin runs that bank (its branches and users);
// a regulator admin onboards banks and runs the regulator users. Everyone else — and anything
// of another bank — is answered "not found", exactly like a missing id.
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import type { Tx } from "@/lib/db-client";
import type { Jurisdiction, Role } from "@/lib/generated/prisma/enums";
import { notFound, ruleViolation } from "@/lib/errors";
import { requireActor } from "@/lib/commands/require-actor";
import { jurisdictionsOf } from "@/lib/auth/scope";

export { jurisdictionsOf };

export type BankAdmin = Actor & { bankId: string };

/** For commands called outside a request (tests, scripts): no IP, no user agent. */
export const NO_META: RequestMeta = { ip: null, userAgent: null };

export function requireBankAdmin(actor: Actor | null): BankAdmin {
  const who = requireActor(actor);
  if (who.role !== "BANK_HEAD_OFFICE" || !who.isAdmin || !who.bankId) throw notFound();
  return who as BankAdmin;
}

export function requireRegulatorAdmin(actor: Actor | null): Actor {
  const who = requireActor(actor);
  if (who.role !== "REGULATOR" || !who.isAdmin) throw notFound();
  return who;
}

/** Either kind of admin (the commands that work on users of both sides). */
export function requireAdmin(actor: Actor | null): Actor {
  const who = requireActor(actor);
  if (who.isAdmin && who.role === "BANK_HEAD_OFFICE" && who.bankId) return who;
  if (who.isAdmin && who.role === "REGULATOR") return who;
  throw notFound();
}

export type ManagedUser = {
  id: string; email: string; name: string; role: Role; isActive: boolean; isAdmin: boolean;
  bankId: string | null; branchId: string | null; jurisdiction: Jurisdiction | null; mustChangePassword: boolean;
};

/**
 * The user an admin changes, locked for the change. Nobody changes their own account here
 * (rights, role, active flag, password: /account is for that), so nobody raises their own
 * rights or locks themselves out. A bank admin reaches only users of their bank; a regulator
 * admin only regulator users.
 */
export async function lockManagedUser(tx: Tx, admin: Actor, userId: string): Promise<ManagedUser> {
  if (userId === admin.userId) throw ruleViolation("adminSelf");
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
  if (!rows.length) throw notFound();
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, isActive: true, isAdmin: true, bankId: true, branchId: true, jurisdiction: true, mustChangePassword: true },
  });
  // A regulator admin reaches regulator users within their own jurisdiction only.
  const mine = admin.role === "BANK_HEAD_OFFICE"
    ? user.bankId !== null && user.bankId === admin.bankId && user.role !== "REGULATOR"
    : user.role === "REGULATOR" && user.jurisdiction !== null && jurisdictionsOf(admin).includes(user.jurisdiction);
  if (!mine) throw notFound();
  return user;
}

/** A branch of the admin's bank that takes new users (locked so it cannot close meanwhile). */
export async function lockOpenBranch(tx: Tx, bankId: string, branchId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ closed: boolean }[]>`
    SELECT closed_at IS NOT NULL AS closed FROM branches
    WHERE id = ${branchId}::uuid AND bank_id = ${bankId}::uuid FOR SHARE`;
  if (!rows.length) throw notFound();
  if (rows[0]!.closed) throw ruleViolation("branchClosed", { branchId: ["branchClosed"] });
}

/** What an audit row records of a user (never a password hash or a second-factor secret). */
export function userSnapshot(u: Pick<ManagedUser, "email" | "name" | "role" | "isActive" | "isAdmin" | "bankId" | "branchId" | "jurisdiction">) {
  return { email: u.email, name: u.name, role: u.role, isActive: u.isActive, isAdmin: u.isAdmin, bankId: u.bankId, branchId: u.branchId, jurisdiction: u.jurisdiction };
}

/** A concurrent insert of the same email or code: the project's one test for unique violations. */
export { isUniqueViolation } from "@/lib/commands/idempotency";

/** Refuses a jurisdiction beyond the admin's own (a field error, nothing written). */
export function assertJurisdictionWithin(admin: Actor, jurisdiction: Jurisdiction): void {
  if (!jurisdictionsOf(admin).includes(jurisdiction)) throw ruleViolation("jurisdictionBeyondYours", { jurisdiction: ["jurisdictionBeyondYours"] });
}
