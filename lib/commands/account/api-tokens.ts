// Personal API tokens (Authorization: Bearer … on /api/v1, acting with the owner's rights):
// created with a name and an optional lifetime, shown once, stored as a SHA-256 hash with a
// short prefix for the list; revoked by their owner only (anyone else's id reads as not found).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { newApiToken } from "@/lib/auth/api-tokens";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { notFound, ruleViolation } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { createApiTokenSchema, MAX_ACTIVE_API_TOKENS, revokeApiTokenSchema } from "@/lib/schemas/account";
import { auditMeta, type AccountContext } from "./shared";

export type CreatedApiToken = { id: string; name: string; prefix: string; expiresAt: string | null; token: string };

export async function createApiToken(actor: Actor | null, raw: unknown, ctx?: AccountContext): Promise<CreatedApiToken> {
  const who = requireActor(actor);
  const input = parseOrThrow(createApiTokenSchema, raw);
  const { token, hash, prefix } = newApiToken();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + Number(input.expiresInDays) * 86_400_000) : null;
  return db.$transaction(async (tx) => {
    // The owner's row serialises concurrent creations, so the cap holds.
    await tx.$executeRaw`SELECT 1 FROM users WHERE id = ${who.userId}::uuid FOR UPDATE`;
    const active = await tx.apiToken.count({
      where: { userId: who.userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    });
    if (active >= MAX_ACTIVE_API_TOKENS) throw ruleViolation("tooManyApiTokens");
    const row = await tx.apiToken.create({
      data: { userId: who.userId, name: input.name, prefix, tokenHash: hash, expiresAt },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorId: who.userId, bankId: who.bankId, action: "api_token.create", entityType: "api_token", entityId: row.id,
      after: { name: input.name, prefix, expiresAt: expiresAt?.toISOString() ?? null }, ...auditMeta(ctx),
    });
    return { id: row.id, name: input.name, prefix, expiresAt: expiresAt?.toISOString() ?? null, token };
  });
}

export async function revokeApiToken(actor: Actor | null, raw: unknown, ctx?: AccountContext): Promise<{ revoked: true }> {
  const who = requireActor(actor);
  const input = parseOrThrow(revokeApiTokenSchema, raw);
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: input.tokenId, userId: who.userId, revokedAt: null }, select: { id: true, name: true, prefix: true } });
    if (!token) throw notFound();
    const revoked = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count !== 1) throw notFound();
    await writeAudit(tx, {
      actorId: who.userId, bankId: who.bankId, action: "api_token.revoke", entityType: "api_token", entityId: token.id,
      before: { name: token.name, prefix: token.prefix }, ...auditMeta(ctx),
    });
    return { revoked: true as const };
  });
}
