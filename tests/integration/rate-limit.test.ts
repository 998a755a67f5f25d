// Rate limits on /api/v1 (lib/api/rate-limit.ts): a token bucket per caller in PostgreSQL —
// a burst of 60 passes, the 61st gets 429 with Retry-After, other callers keep their own
// bucket, and the bucket refills with time (updated_at moved back instead of sleeping).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { rateLimitConfig, takeToken } from "@/lib/api/rate-limit";
import { GET as template } from "@/app/api/v1/lists/template/route";
import { buildWorld, type World } from "../support/world";
import { bearerRequest, issueToken } from "../support/api-token";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

const call = (token: string) => template(bearerRequest("/api/v1/lists/template?format=csv", token));

describe("per-caller token bucket on /api/v1", () => {
  it("a burst of 60 passes, the 61st gets 429 with Retry-After and a JSON error; another user's bucket is untouched; a refill lets one more through", async () => {
    // The refill is slowed to one a minute here so the seconds the 61 requests take cannot
    // refill a token; the default rate is the next test's.
    process.env.API_RATE_PER_MINUTE = "1";
    try {
      const owner = await issueToken(world.userIds.owner);
      const other = await issueToken(world.userIds.sameBranchManager);
      for (let i = 1; i <= 60; i += 1) expect((await call(owner.token)).status, `request ${i}`).toBe(200);
      const refused = await call(owner.token);
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ error: "rate_limited" });
      // One token a minute: come back in about a minute.
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(50);
      expect(retryAfter).toBeLessThanOrEqual(60);

      // Another user (their own token) still has a full bucket.
      expect((await call(other.token)).status).toBe(200);

      // A minute later: one more passes, the next is refused again.
      await db.$executeRaw`UPDATE rate_limit_buckets SET updated_at = updated_at - interval '61 seconds' WHERE key = ${`api:token:${owner.id}`}`;
      expect((await call(owner.token)).status).toBe(200);
      expect((await call(owner.token)).status).toBe(429);
    } finally {
      delete process.env.API_RATE_PER_MINUTE;
    }
  });

  it("at the default rate a drained bucket refills one request a second, and a long pause gives back the burst, never more", async () => {
    const token = await issueToken(world.userIds.otherBranchManager);
    const key = `api:token:${token.id}`;
    let passed = 0;
    const started = Date.now();
    let refused: Response | null = null;
    while (!refused && passed < 200) {
      const response = await call(token.token);
      if (response.status === 200) passed += 1;
      else refused = response;
    }
    // 60 at once, plus at most one a second while they ran.
    expect(passed).toBeGreaterThanOrEqual(60);
    expect(passed).toBeLessThanOrEqual(60 + Math.ceil((Date.now() - started) / 1000));
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get("retry-after")).toBe("1");

    await db.$executeRaw`UPDATE rate_limit_buckets SET updated_at = updated_at - interval '1.1 seconds' WHERE key = ${key}`;
    expect((await call(token.token)).status).toBe(200);

    await db.$executeRaw`UPDATE rate_limit_buckets SET updated_at = updated_at - interval '10 minutes' WHERE key = ${key}`;
    let again = 0;
    for (let i = 0; i < 62; i += 1) if ((await call(token.token)).status === 200) again += 1;
    expect(again).toBeGreaterThanOrEqual(60);
    expect(again).toBeLessThanOrEqual(61);
  });

  it("a refused request is not audited as a token use", async () => {
    const token = await issueToken(world.userIds.branchHead);
    await db.$executeRaw`INSERT INTO rate_limit_buckets (key, tokens, updated_at) VALUES (${`api:token:${token.id}`}, 0, now())`;
    expect((await call(token.token)).status).toBe(429);
    expect(await db.auditLog.count({ where: { action: "api_token.use", entityId: token.id } })).toBe(0);
  });

  it("concurrent requests from several processes' worth of connections never pass more than the burst", async () => {
    const key = `test:race:${world.tag}`;
    const outcomes = await Promise.all(Array.from({ length: 90 }, () => takeToken(db, key, { burst: 60, perMinute: 60 })));
    // At most one token can refill while the 90 statements run (they take well under a second).
    const passed = outcomes.filter((o) => o.ok).length;
    expect(passed).toBeGreaterThanOrEqual(60);
    expect(passed).toBeLessThanOrEqual(61);
  });

  it("burst and rate come from API_RATE_BURST and API_RATE_PER_MINUTE", async () => {
    const config = rateLimitConfig({ API_RATE_BURST: "5", API_RATE_PER_MINUTE: "120" });
    expect(config).toEqual({ burst: 5, perMinute: 120 });
    const key = `test:config:${world.tag}`;
    const outcomes = [];
    for (let i = 0; i < 6; i += 1) outcomes.push(await takeToken(db, key, config));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(5);
    // 120 a minute: a token every half second, so the wait is one second (rounded up).
    expect(outcomes[5]).toEqual({ ok: false, retryAfterSeconds: 1 });
    // A bad value falls back to the default instead of switching the limit off.
    expect(rateLimitConfig({ API_RATE_BURST: "0", API_RATE_PER_MINUTE: "lots" })).toEqual({ burst: 60, perMinute: 60 });
  });
});
