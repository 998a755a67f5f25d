import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";

export type OwnApiToken = {
  id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; expired: boolean;
};

/** The caller's own API tokens that are not revoked (expired ones too, marked), newest first. Never the hash. */
export async function listOwnApiTokens(actor: Actor | null): Promise<OwnApiToken[]> {
  if (!actor) return [];
  const rows = await db.apiToken.findMany({
    where: { userId: actor.userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true },
  });
  const now = Date.now();
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    expired: t.expiresAt !== null && t.expiresAt.getTime() <= now,
  }));
}
