// Who calls an /api/v1 endpoint, and whether they may call it now. Every route handler under
// app/api/v1 goes through withApiCaller:
// - `Authorization: Bearer sd_…`: the personal API token (lib/auth/api-tokens.ts) is looked up
//   by its SHA-256; it must be neither revoked nor expired, and its owner active with nothing
//   left to set up (a new password, a required second factor). The token then acts as exactly
//   its owner (the same Actor, the same scope checks). A Bearer header that does not resolve is
//   401 — never a fall back to the cookie of the same request.
// - no Bearer header: the signed-in user of the session cookie (currentActor).
// Then the caller's rate limit (lib/api/rate-limit.ts); a token's use is recorded (last_used_at
// and an "api_token.use" audit row) once it passed.
import "server-only";
import { toActor, totpRequired, type Actor } from "@/lib/auth/actor";
import { hashApiToken, looksLikeApiToken } from "@/lib/auth/api-tokens";
import { currentActor } from "@/lib/auth/current-actor";
import { log } from "@/lib/log";
import { metaFromHeaders } from "@/lib/auth/request-meta";
import type { Jurisdiction, Role } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/commands/audit";
import { db } from "@/lib/db";
import type { Db } from "@/lib/db-client";
import { rateLimitKey, takeToken, tooManyRequests } from "@/lib/api/rate-limit";

export type ApiCaller = { actor: Actor; tokenId: string | null };

/** What the Authorization header says: nothing for us, a token's owner, or a bad token. */
export type BearerOutcome = { kind: "none" } | { kind: "invalid" } | { kind: "token"; caller: ApiCaller };

type TokenRow = {
  token_id: string; id: string; name: string; email: string; role: Role; bank_id: string | null; branch_id: string | null;
  jurisdiction: Jurisdiction | null; is_admin: boolean; totp_enrolled: boolean; bank_requires_totp: boolean;
};

export async function resolveBearer(database: Db, authorization: string | null): Promise<BearerOutcome> {
  const match = authorization?.match(/^\s*Bearer(?:\s+(.*))?$/i);
  if (!match) return { kind: "none" };
  const token = (match[1] ?? "").trim();
  if (!looksLikeApiToken(token)) return { kind: "invalid" };
  const rows = await database.$queryRaw<TokenRow[]>`
    SELECT t.id::text AS token_id, u.id::text, u.name, u.email, u.role::text AS role, u.bank_id::text, u.branch_id::text,
           u.jurisdiction::text AS jurisdiction, u.is_admin, u.totp_enabled_at IS NOT NULL AS totp_enrolled,
           coalesce(b.require_totp, false) AS bank_requires_totp
    FROM api_tokens t
    JOIN users u ON u.id = t.user_id
    LEFT JOIN banks b ON b.id = u.bank_id
    WHERE t.token_hash = ${hashApiToken(token)} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
      AND u.is_active AND NOT u.must_change_password`;
  const row = rows[0];
  // A user who still has to enrol a required second factor is refused everywhere, tokens too.
  if (!row || (!row.totp_enrolled && totpRequired({ role: row.role, isAdmin: row.is_admin, bankRequiresTotp: row.bank_requires_totp }))) {
    return { kind: "invalid" };
  }
  const actor = toActor({ id: row.id, name: row.name, email: row.email, role: row.role, bankId: row.bank_id, branchId: row.branch_id, jurisdiction: row.jurisdiction, isAdmin: row.is_admin });
  return { kind: "token", caller: { actor, tokenId: row.token_id } };
}

/** A token's use: its last_used_at and one audit row (which endpoint, from where). */
export async function recordTokenUse(database: Db, caller: ApiCaller & { tokenId: string }, request: Request): Promise<void> {
  const url = new URL(request.url);
  const meta = metaFromHeaders(request.headers);
  await database.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: caller.tokenId }, data: { lastUsedAt: new Date() } });
    await writeAudit(tx, {
      actorId: caller.actor.userId, bankId: caller.actor.bankId, action: "api_token.use", entityType: "api_token", entityId: caller.tokenId,
      after: { method: request.method, path: url.pathname.slice(0, 300), query: url.search.slice(0, 500) },
      ...meta,
    });
  });
}

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Runs an /api/v1 handler for the request's caller: 401 for a bad token, 429 past the rate
 * limit; signed-out callers reach the handler with null (which answers 401 itself). Anything
 * the handler throws is logged and answered with a bare 500.
 */
export async function withApiCaller(request: Request, run: (actor: Actor | null) => Promise<Response>): Promise<Response> {
  try {
    const bearer = await resolveBearer(db, request.headers.get("authorization"));
    if (bearer.kind === "invalid") {
      return Response.json({ error: "invalid_token" }, { status: 401, headers: { ...NO_STORE, "WWW-Authenticate": 'Bearer error="invalid_token"' } });
    }
    let caller: ApiCaller | null = null;
    if (bearer.kind === "token") caller = bearer.caller;
    else {
      const actor = await currentActor();
      caller = actor ? { actor, tokenId: null } : null;
    }
    if (caller) {
      const limit = await takeToken(db, rateLimitKey({ userId: caller.actor.userId, tokenId: caller.tokenId }));
      if (!limit.ok) return tooManyRequests(limit.retryAfterSeconds);
      if (caller.tokenId) await recordTokenUse(db, { actor: caller.actor, tokenId: caller.tokenId }, request);
    }
    return await run(caller?.actor ?? null);
  } catch (error) {
    log("error", "api request failed", { requestId: request.headers.get("x-request-id") ?? undefined, method: request.method, path: new URL(request.url).pathname, error });
    return Response.json({ error: "internal" }, { status: 500, headers: NO_STORE });
  }
}
