import "server-only";
// The notification centre: a person's own notifications, never anyone else's. An alert about a
// client shows only while the client is still in the person's scope (a handed-over client's
// alert disappears at once, and the next scan closes it).
import { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationKind } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { clientReadScopeSql } from "@/lib/auth/scope";
import { db } from "@/lib/db";

export type NotificationRow = {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  closedAt: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  payload: Record<string, unknown>;
};

const PAGE = 100;

function visible(actor: Actor): Prisma.Sql {
  return Prisma.sql`n.user_id = ${actor.userId}::uuid AND (n.client_id IS NULL OR (bc.id IS NOT NULL AND ${clientReadScopeSql(actor)}))`;
}

/** The bell's number: open, unread notifications. */
export async function countUnreadNotifications(actor: Actor | null): Promise<number> {
  if (!actor) return 0;
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM notifications n LEFT JOIN bank_clients bc ON bc.id = n.client_id
     WHERE ${visible(actor)} AND n.closed_at IS NULL AND n.read_at IS NULL`;
  return rows[0]?.n ?? 0;
}

/** Newest first: the open ones, or (history) the closed ones too. */
export async function listNotifications(actor: Actor | null, options: { history?: boolean } = {}): Promise<NotificationRow[]> {
  if (!actor) return [];
  const open = options.history ? Prisma.empty : Prisma.sql`AND n.closed_at IS NULL`;
  const rows = await db.$queryRaw<{
    id: string; kind: NotificationKind; created_at: Date; read_at: Date | null; closed_at: Date | null;
    enterprise_id: string | null; enterprise_name: string | null; payload: Record<string, unknown>;
  }[]>`
    SELECT n.id::text, n.kind, n.created_at, n.read_at, n.closed_at, n.enterprise_id::text, e.name AS enterprise_name, n.payload
      FROM notifications n
      LEFT JOIN bank_clients bc ON bc.id = n.client_id
      LEFT JOIN enterprises e ON e.id = n.enterprise_id
     WHERE ${visible(actor)} ${open}
     ORDER BY n.closed_at IS NOT NULL, n.created_at DESC, n.id
     LIMIT ${PAGE}`;
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    payload: r.payload,
  }));
}
