// Personal API tokens on /api/v1 (lib/api/caller.ts), called through the real route handlers
// with `Authorization: Bearer …`: a token acts as exactly its owner (same figures, same
// refusals), every use is recorded (last_used_at and an audit row with path, IP and user
// agent), and a token that is unknown, malformed, revoked, expired, or whose owner is disabled
// or still has to set a password, is 401 — the request never falls back to a cookie.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { GET as provinceRollup } from "@/app/api/v1/rollups/province/route";
import { GET as exportTable } from "@/app/api/v1/exports/[table]/route";
import { GET as batchStatus } from "@/app/api/v1/lists/batches/[id]/route";
import { buildWorld, type World } from "../support/world";
import { bearerRequest, enrolTotp, issueToken } from "../support/api-token";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
  // Head office and regulators must have enrolled TOTP to act at all (tokens included).
  await enrolTotp(world.userIds.headOffice);
  await enrolTotp(world.userIds.regulator);
});

const exportCall = (table: string, token: string, query = "format=csv") =>
  exportTable(bearerRequest(`/api/v1/exports/${table}?${query}`, token), { params: Promise.resolve({ table }) });

describe("a token acts as its owner", () => {
  it("head office's token exports its own bank's branches, and is refused a branch table like its owner", async () => {
    const { token } = await issueToken(world.userIds.headOffice);
    const response = await exportCall("bank-branches", token);
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv).toContain(`甲银行${world.tag}`);
    expect(csv).toContain("甲一支行");
    expect(csv).not.toContain(`乙银行${world.tag}`);
    expect((await exportCall("branch-managers", token)).status).toBe(403);
  });

  it("a regulator's token reads the province rollup; a manager's token gets 403 and no figures", async () => {
    const regulator = await issueToken(world.userIds.regulator);
    const ok = await provinceRollup(bearerRequest("/api/v1/rollups/province?from=2026-01-01&to=2026-06-30&by=city", regulator.token));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { ningbo: string; rows: { code: string }[] };
    // The regulator's jurisdiction (Zhejiang without Ningbo) decides what comes back.
    expect(body.ningbo).toBe("exclude");
    expect(body.rows.some((r) => r.code === "330200")).toBe(false);

    const manager = await issueToken(world.userIds.owner);
    const refused = await provinceRollup(bearerRequest("/api/v1/rollups/province?from=2026-01-01&to=2026-06-30", manager.token));
    expect(refused.status).toBe(403);
    expect(Object.keys((await refused.json()) as object)).toEqual(["error"]);
  });

  it("another bank's list batch answers 404 to a token as it does to its owner", async () => {
    const batch = await db.listBatch.create({
      data: { listType: "SETTLEMENT_ACCOUNT", name: `令牌${world.tag}`, issuedOn: new Date("2026-01-05T00:00:00Z"), status: "DONE", ownerBankId: world.bankB },
    });
    const { token } = await issueToken(world.userIds.headOffice);
    const response = await batchStatus(bearerRequest(`/api/v1/lists/batches/${batch.id}`, token), { params: Promise.resolve({ id: batch.id }) });
    expect(response.status).toBe(404);
  });
});

describe("every use is recorded", () => {
  it("sets last_used_at and writes an api_token.use row with the owner, bank, path, IP and user agent", async () => {
    const issued = await issueToken(world.userIds.headOffice);
    const before = new Date(Date.now() - 1000);
    expect((await exportCall("bank-cities", issued.token)).status).toBe(200);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    const audit = await db.auditLog.findMany({ where: { action: "api_token.use", entityId: issued.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: world.userIds.headOffice, bankId: world.bankA, entityType: "api_token", ip: "203.0.113.7", userAgent: "shoudai-test/1.0" });
    expect(audit[0]!.after).toMatchObject({ method: "GET", path: "/api/v1/exports/bank-cities" });
  });
});

describe("tokens that do not work", () => {
  const bad: [string, (w: World) => Promise<string>][] = [
    ["unknown (well-formed)", async () => `sd_${"A".repeat(43)}`],
    ["malformed", async () => "not-a-token"],
    ["empty", async () => ""],
    ["revoked", async (w) => (await issueToken(w.userIds.headOffice, { revokedAt: new Date() })).token],
    ["expired", async (w) => (await issueToken(w.userIds.headOffice, { expiresAt: new Date(Date.now() - 60_000) })).token],
    ["of a disabled user", async (w) => (await issueToken(w.userIds.disabled)).token],
    ["of a user who must still set a password", async (w) => {
      const issued = await issueToken(w.userIds.otherBranchHead);
      await db.user.update({ where: { id: w.userIds.otherBranchHead }, data: { mustChangePassword: true } });
      return issued.token;
    }],
    ["of a head office user who has not enrolled the required TOTP", async (w) => {
      const other = await db.user.create({ data: { email: `hq2.${w.tag}@shoudai.test`, name: "hq2", role: "BANK_HEAD_OFFICE", bankId: w.bankA, passwordHash: "x" } });
      return (await issueToken(other.id)).token;
    }],
  ];
  it.each(bad)("%s: 401, nothing exported, no use recorded", async (_name, make) => {
    const token = await make(world);
    const uses = await db.auditLog.count({ where: { action: "api_token.use" } });
    const response = await exportCall("bank-branches", token);
    // 401 straight from the token check: a cookie lookup here would fail outside a request (500).
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
    expect(await response.json()).toEqual({ error: "invalid_token" });
    expect(await db.auditLog.count({ where: { action: "api_token.use" } })).toBe(uses);
  });

  it("a token stops working the moment it is revoked", async () => {
    const issued = await issueToken(world.userIds.headOffice);
    expect((await exportCall("bank-branches", issued.token)).status).toBe(200);
    await db.apiToken.update({ where: { id: issued.id }, data: { revokedAt: new Date() } });
    expect((await exportCall("bank-branches", issued.token)).status).toBe(401);
  });
});
