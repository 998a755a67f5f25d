import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { openSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { describeUserAgent } from "@/lib/domain/account/user-agent";

export type OwnSession = {
  id: string; createdAt: string; lastSeenAt: string; expiresAt: string; ip: string | null; browser: string | null;
  /** The session this request came from. */
  current: boolean;
};

/** The caller's own open sign-in sessions, newest first (the current one marked). */
export async function listOwnSessions(actor: Actor | null, currentSessionId?: string | null): Promise<OwnSession[]> {
  if (!actor) return [];
  const rows = await openSessions(db, actor.userId);
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ip: s.ip,
    browser: describeUserAgent(s.userAgent),
    current: s.id === currentSessionId,
  }));
}
