// The audit log as its readers may see it. A bank's head office reads its bank's rows
// (audit_logs.bank_id = its bank); a regulator admin reads the regulator side (rows written by
// a regulator user, and rows of no bank: failed sign-ins of unknown accounts, province lists);
// everyone else reads nothing (null, which the page shows as a missing page). Filters: the
// user's email (contains), the action (starts with), Shanghai days from/to; keyset pages on
// (at, id) newest first, so a deep page costs what the first one does.
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { addDays, isValidIsoDate, startOfShanghaiDay } from "@/lib/domain/dates";

export const AUDIT_PAGE_SIZE = 50;
/** At most this many rows go into one export file (the filters narrow it further). */
export const AUDIT_EXPORT_MAX_ROWS = 20_000;

const day = z.string().trim().refine(isValidIsoDate).optional().catch(undefined);

export const auditFilterSchema = z.object({
  user: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  action: z.string().trim().max(60).regex(/^[a-z0-9_.]*$/).optional().catch(undefined).transform((v) => v || undefined),
  from: day,
  to: day,
  after: z.string().max(200).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export type AuditSide = { side: "bank"; bankId: string } | { side: "regulator" };

export type AuditRow = {
  id: string;
  at: Date;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string;
  ip: string | null;
  userAgent: string | null;
  /** before/after as compact JSON ("" when neither is set). */
  details: string;
};

export type AuditPage = { side: AuditSide["side"]; rows: AuditRow[]; nextCursor: string | null };

/** Which side of the audit log an actor reads, or null for none. */
export function auditSide(actor: Actor | null): AuditSide | null {
  if (actor?.role === "BANK_HEAD_OFFICE" && actor.bankId) return { side: "bank", bankId: actor.bankId };
  if (actor?.role === "REGULATOR" && actor.isAdmin) return { side: "regulator" };
  return null;
}

function sideWhere(side: AuditSide): Prisma.AuditLogWhereInput {
  return side.side === "bank" ? { bankId: side.bankId } : { OR: [{ bankId: null }, { actor: { role: "REGULATOR" } }] };
}

/** Opaque cursor: the last row's time (ms) and id. */
function encodeCursor(row: { at: Date; id: bigint }): string {
  return Buffer.from(`${row.at.getTime()}:${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { at: Date; id: bigint } | null {
  if (!cursor) return null;
  const match = /^(\d{1,15}):(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? { at: new Date(Number(match[1])), id: BigInt(match[2]!) } : null;
}

function filterWhere(side: AuditSide, filter: AuditFilter): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [sideWhere(side)];
  if (filter.user) and.push({ actor: { email: { contains: filter.user.toLowerCase(), mode: "insensitive" } } });
  if (filter.action) and.push({ action: { startsWith: filter.action } });
  if (filter.from) and.push({ at: { gte: startOfShanghaiDay(filter.from) } });
  if (filter.to) and.push({ at: { lt: startOfShanghaiDay(addDays(filter.to, 1)) } });
  const after = decodeCursor(filter.after);
  if (after) and.push({ OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] });
  return { AND: and };
}

async function readRows(side: AuditSide, filter: AuditFilter, take: number) {
  const rows = await db.auditLog.findMany({
    where: filterWhere(side, filter),
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true, at: true, action: true, entityType: true, entityId: true, before: true, after: true, ip: true, userAgent: true,
      actor: { select: { name: true, email: true } },
    },
  });
  return rows.map((r) => ({
    raw: r,
    row: {
      id: r.id.toString(),
      at: r.at,
      actorName: r.actor?.name ?? null,
      actorEmail: r.actor?.email ?? null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      ip: r.ip,
      userAgent: r.userAgent,
      details: details(r.before, r.after),
    } satisfies AuditRow,
  }));
}

function details(before: Prisma.JsonValue | null, after: Prisma.JsonValue | null): string {
  if (before === null && after === null) return "";
  if (before === null) return JSON.stringify(after);
  return JSON.stringify({ before, after });
}

/** One page of the actor's side of the audit log, newest first; null when they read none. */
export async function listAuditLog(actor: Actor | null, filter: AuditFilter): Promise<AuditPage | null> {
  const side = auditSide(actor);
  if (!side) return null;
  const found = await readRows(side, filter, AUDIT_PAGE_SIZE + 1);
  const page = found.slice(0, AUDIT_PAGE_SIZE);
  const last = page.at(-1);
  return {
    side: side.side,
    rows: page.map((f) => f.row),
    nextCursor: found.length > AUDIT_PAGE_SIZE && last ? encodeCursor(last.raw) : null,
  };
}

/** Every row the filters select (from the first page on, at most AUDIT_EXPORT_MAX_ROWS), for the export file. */
export async function auditLogForExport(actor: Actor | null, filter: AuditFilter): Promise<{ side: AuditSide["side"]; rows: AuditRow[]; isTruncated: boolean } | null> {
  const side = auditSide(actor);
  if (!side) return null;
  const found = await readRows(side, { ...filter, after: undefined }, AUDIT_EXPORT_MAX_ROWS + 1);
  return { side: side.side, rows: found.slice(0, AUDIT_EXPORT_MAX_ROWS).map((f) => f.row), isTruncated: found.length > AUDIT_EXPORT_MAX_ROWS };
}
