// Sign-in sessions kept in PostgreSQL (user_sessions), so they can end: the cookie carries the
// session id, and every request checks the row. Sign-out, a password change, disabling and a
// role or branch change end sessions at once; 30 minutes without a request ends one (idle);
// 8 hours after sign-in it ends whatever happens (refreshing the cookie cannot extend it).
// Works the same with any number of app processes: the state is the row.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Jurisdiction, Role } from "@/lib/generated/prisma/enums";
import type { Db, Tx } from "@/lib/db-client";
import { toActor, totpRequired, type Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { uuid } from "@/lib/schemas/common";

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_MAX_HOURS = 8;
/** last_seen_at is written at most this often per session (not on every request). */
const TOUCH_EVERY_SECONDS = 60;

export type SessionEndReason =
  | "SIGN_OUT" | "PASSWORD_CHANGED" | "PASSWORD_RESET" | "DISABLED" | "ROLE_CHANGED" | "TOTP_CHANGED"
  | "IDLE" | "EXPIRED" | "ENDED_BY_USER" | "ENDED_BY_ADMIN";

/** What a signed-in user still has to do before anything else opens. */
export type SessionPending = "password" | "totp" | null;

export type SessionState = { actor: Actor; pending: SessionPending; sessionId: string };

export async function createSession(db: Db | Tx, userId: string, meta: RequestMeta): Promise<string> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO user_sessions (user_id, expires_at, ip, user_agent)
    VALUES (${userId}::uuid, now() + make_interval(hours => ${SESSION_MAX_HOURS}), ${meta.ip}, ${meta.userAgent})
    RETURNING id::text`;
  return rows[0]!.id;
}

type Row = {
  id: string; name: string; email: string; role: Role; is_active: boolean; bank_id: string | null; branch_id: string | null;
  jurisdiction: Jurisdiction | null; is_admin: boolean; must_change_password: boolean; totp_enrolled: boolean;
  bank_requires_totp: boolean; ended: boolean; expired: boolean; idle: boolean; stale: boolean;
};

/**
 * The session's user as of now, or null when the session is unknown, ended, idle too long,
 * past its 8 hours, or its user disabled. One query; touches last_seen_at once a minute.
 */
export async function resolveSession(db: Db, userId: string | null | undefined, sessionId: string | null | undefined): Promise<SessionState | null> {
  if (!userId || !sessionId || !uuid.safeParse(userId).success || !uuid.safeParse(sessionId).success) return null;
  const rows = await db.$queryRaw<Row[]>`
    SELECT u.id::text, u.name, u.email, u.role::text AS role, u.is_active, u.bank_id::text, u.branch_id::text,
           u.jurisdiction::text AS jurisdiction, u.is_admin, u.must_change_password,
           u.totp_enabled_at IS NOT NULL AS totp_enrolled, coalesce(b.require_totp, false) AS bank_requires_totp,
           s.ended_at IS NOT NULL AS ended, s.expires_at <= now() AS expired,
           s.last_seen_at <= now() - make_interval(mins => ${SESSION_IDLE_MINUTES}) AS idle,
           s.last_seen_at <= now() - make_interval(secs => ${TOUCH_EVERY_SECONDS}) AS stale
    FROM user_sessions s
    JOIN users u ON u.id = s.user_id
    LEFT JOIN banks b ON b.id = u.bank_id
    WHERE s.id = ${sessionId}::uuid AND s.user_id = ${userId}::uuid`;
  const row = rows[0];
  if (!row || row.ended) return null;
  if (row.expired || row.idle || !row.is_active) {
    await endSession(db, sessionId, row.expired ? "EXPIRED" : row.idle ? "IDLE" : "DISABLED");
    return null;
  }
  if (row.stale) await db.$executeRaw`UPDATE user_sessions SET last_seen_at = now() WHERE id = ${sessionId}::uuid AND ended_at IS NULL`;
  const actor = toActor({ id: row.id, name: row.name, email: row.email, role: row.role, bankId: row.bank_id, branchId: row.branch_id, jurisdiction: row.jurisdiction, isAdmin: row.is_admin });
  const pending: SessionPending = row.must_change_password
    ? "password"
    : !row.totp_enrolled && totpRequired({ role: row.role, isAdmin: row.is_admin, bankRequiresTotp: row.bank_requires_totp })
      ? "totp"
      : null;
  return { actor, pending, sessionId };
}

/** Ends one session (no-op when already ended). */
export async function endSession(db: Db | Tx, sessionId: string, reason: SessionEndReason): Promise<boolean> {
  if (!uuid.safeParse(sessionId).success) return false;
  const n = await db.$executeRaw`UPDATE user_sessions SET ended_at = now(), end_reason = ${reason} WHERE id = ${sessionId}::uuid AND ended_at IS NULL`;
  return n > 0;
}

/** Ends every open session of a user (but `keep`, the caller's own, when given): returns how many. */
export async function endUserSessions(db: Db | Tx, userId: string, reason: SessionEndReason, keep?: string): Promise<number> {
  const except = keep ? Prisma.sql`AND id <> ${keep}::uuid` : Prisma.empty;
  return db.$executeRaw`UPDATE user_sessions SET ended_at = now(), end_reason = ${reason} WHERE user_id = ${userId}::uuid AND ended_at IS NULL ${except}`;
}

export type SessionRow = { id: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date; ip: string | null; userAgent: string | null };

/** A user's open sessions, newest first (the account page lists them; each can be ended). */
export async function openSessions(db: Db, userId: string): Promise<SessionRow[]> {
  return db.userSession.findMany({
    where: {
      userId, endedAt: null, expiresAt: { gt: new Date() },
      lastSeenAt: { gt: new Date(Date.now() - SESSION_IDLE_MINUTES * 60_000) },
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, ip: true, userAgent: true },
  });
}
