// Rate limits for the /api/v1 endpoints and the exports: one token bucket per caller (a user
// signed in with the cookie, or a personal API token), kept in PostgreSQL (rate_limit_buckets)
// so every app process counts against the same bucket. A bucket holds up to BURST tokens and
// refills continuously at PER_MINUTE a minute; a request takes one, or gets 429 when less than
// one is left. Configured by API_RATE_BURST and API_RATE_PER_MINUTE (README, "API: tokens and
// rate limits").
import type { Db } from "@/lib/db-client";

export type RateLimitConfig = { burst: number; perMinute: number };
export type RateLimitOutcome =
  | { ok: true; remaining: number }
  | { ok: false; retryAfterSeconds: number };

export const RATE_LIMIT_DEFAULTS: RateLimitConfig = { burst: 60, perMinute: 60 };

let warned = false;

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (Number.isInteger(n) && n > 0 && n <= 1_000_000) return n;
  if (!warned) {
    warned = true;
    console.warn(`[rate-limit] ${name}=${JSON.stringify(raw)} is not a positive whole number; using ${fallback}`);
  }
  return fallback;
}

export function rateLimitConfig(env: Record<string, string | undefined> = process.env): RateLimitConfig {
  return {
    burst: positiveInt(env.API_RATE_BURST, RATE_LIMIT_DEFAULTS.burst, "API_RATE_BURST"),
    perMinute: positiveInt(env.API_RATE_PER_MINUTE, RATE_LIMIT_DEFAULTS.perMinute, "API_RATE_PER_MINUTE"),
  };
}

/**
 * Takes one token from `key`'s bucket, in one statement. The refill is computed from
 * updated_at inside the upsert; the UPDATE only happens when at least one token is there (so
 * a refused request takes nothing and leaves updated_at as it was), and concurrent requests
 * on the same key queue on the row lock and each see the previous one's result. When the
 * upsert returns nothing the request is refused; the second branch reads the bucket as it
 * was (the statement's snapshot) to tell the caller how long to wait.
 */
export async function takeToken(db: Db, key: string, config: RateLimitConfig = rateLimitConfig()): Promise<RateLimitOutcome> {
  const perSecond = config.perMinute / 60;
  const rows = await db.$queryRaw<{ allowed: boolean; tokens: number }[]>`
    WITH hit AS (
      INSERT INTO rate_limit_buckets AS b (key, tokens, updated_at)
      VALUES (${key}, ${config.burst - 1}::float8, now())
      ON CONFLICT (key) DO UPDATE
        SET tokens = LEAST(${config.burst}::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.updated_at)::float8) * ${perSecond}::float8) - 1,
            updated_at = now()
        WHERE LEAST(${config.burst}::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.updated_at)::float8) * ${perSecond}::float8) >= 1
      RETURNING b.tokens
    )
    SELECT true AS allowed, tokens FROM hit
    UNION ALL
    SELECT false, LEAST(${config.burst}::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.updated_at)::float8) * ${perSecond}::float8)
    FROM rate_limit_buckets b
    WHERE b.key = ${key} AND NOT EXISTS (SELECT 1 FROM hit)`;
  const row = rows[0];
  if (row?.allowed) return { ok: true, remaining: Math.floor(row.tokens) };
  // No row: another process created the bucket after this statement's snapshot; wait a token.
  const tokens = row ? Number(row.tokens) : 0;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
}

/** The bucket of an API caller: a token has its own, a signed-in user theirs. */
export function rateLimitKey(caller: { userId: string; tokenId: string | null }): string {
  return caller.tokenId ? `api:token:${caller.tokenId}` : `api:user:${caller.userId}`;
}

/** The 429 answer: Retry-After in whole seconds and a JSON error body. */
export function tooManyRequests(retryAfterSeconds: number): Response {
  return Response.json(
    { error: "rate_limited", message: "Too many requests: try again later.", retryAfterSeconds },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}
