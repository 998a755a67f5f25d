// Who is calling. Built from the database on every request (the session cookie carries only
// the user id and the session id), so a disabled or demoted user loses access on their next
// request.
import type { Jurisdiction, Role } from "@/lib/generated/prisma/enums";
import type { Db } from "@/lib/db-client";
import { uuid } from "@/lib/schemas/common";

export type Actor = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  bankId: string | null;
  branchId: string | null;
  jurisdiction: Jurisdiction | null;
  /** Admin rights by scope: a head-office admin runs its bank; a regulator admin onboards banks. */
  isAdmin: boolean;
  /**
   * Read-your-writes (issue 14): this person wrote moments ago, so read-only paths read from the
   * primary instead of a replica (lib/read-your-writes.ts; lib/db.ts readDb). Routing only, never rights.
   */
  readsPrimary?: boolean;
};

export const ACTOR_SELECT = {
  id: true, name: true, email: true, role: true, isActive: true, bankId: true, branchId: true, jurisdiction: true, isAdmin: true,
} as const;

type ActorRow = { id: string; name: string; email: string; role: Role; bankId: string | null; branchId: string | null; jurisdiction: Jurisdiction | null; isAdmin: boolean };

export function toActor(user: ActorRow): Actor {
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    bankId: user.bankId,
    branchId: user.branchId,
    jurisdiction: user.jurisdiction,
    isAdmin: user.isAdmin,
  };
}

/**
 * The actor for a user id, without a session: seeds, scripts and tests act as a user with
 * this. Requests go through lib/auth/sessions.ts (resolveSession), which also checks the
 * sign-in session and what the user still has to set up.
 */
export async function loadActor(db: Db, userId: string | null | undefined): Promise<Actor | null> {
  if (!userId || !uuid.safeParse(userId).success) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: ACTOR_SELECT });
  if (!user || !user.isActive) return null;
  return toActor(user);
}

/** Who must sign in with a second factor: regulators, head offices, admins, and every user of a bank that requires it. */
export function totpRequired(user: { role: Role; isAdmin: boolean; bankRequiresTotp: boolean }): boolean {
  return user.role === "REGULATOR" || user.role === "BANK_HEAD_OFFICE" || user.isAdmin || user.bankRequiresTotp;
}
