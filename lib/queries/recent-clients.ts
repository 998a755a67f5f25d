import "server-only";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { clientReadScopeSql } from "@/lib/auth/scope";
import { db } from "@/lib/db";

/** How many of a manager's clients the offline list keeps. */
export const OFFLINE_CLIENTS = 200;

export type RecentClient = {
  enterpriseId: string;
  name: string;
  stage: Stage;
  lastContactOn: string | null;
  nextFollowUpOn: string | null;
};

/**
 * An account manager's most recent clients (last contact first, never-contacted ones after,
 * by name), at most OFFLINE_CLIENTS: the read-only list their phone keeps for work without a
 * signal. Only a manager has one (null for other roles).
 */
export async function listRecentClients(actor: Actor | null): Promise<RecentClient[] | null> {
  if (actor?.role !== "ACCOUNT_MANAGER") return null;
  const rows = await db.$queryRaw<{ enterprise_id: string; name: string; stage: Stage; last_contact_on: string | null; next_follow_up_on: string | null }[]>`
    SELECT bc.enterprise_id::text AS enterprise_id, bc.enterprise_name AS name, bc.stage::text AS stage,
      to_char(bc.last_contact_at, 'YYYY-MM-DD') AS last_contact_on,
      to_char(bc.next_follow_up_on, 'YYYY-MM-DD') AS next_follow_up_on
    FROM bank_clients bc
    WHERE ${clientReadScopeSql(actor)}
    ORDER BY bc.last_contact_at DESC NULLS LAST, bc.enterprise_name, bc.enterprise_id
    LIMIT ${OFFLINE_CLIENTS}`;
  return rows.map((r) => ({ enterpriseId: r.enterprise_id, name: r.name, stage: r.stage, lastContactOn: r.last_contact_on, nextFollowUpOn: r.next_follow_up_on }));
}
