// The audit log's readers (lib/queries/audit-log.ts, /audit and its export): a bank's head
// office reads its own bank's rows, a regulator admin the regulator side, nobody else anything;
// filters (user, action, Shanghai days) and keyset pages; every export download and every
// refused id is written to the log; the table refuses UPDATE, DELETE and TRUNCATE.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/commands/audit";
import { auditFilterSchema, listAuditLog, type AuditFilter } from "@/lib/queries/audit-log";
import { exportResponse } from "@/lib/api/export";
import { GET as exportTable } from "@/app/api/v1/exports/[table]/route";
import { GET as batchStatus } from "@/app/api/v1/lists/batches/[id]/route";
import { POST as cancelBatch } from "@/app/api/v1/lists/batches/[id]/cancel/route";
import { loadActor } from "@/lib/auth/actor";
import { createUser } from "@/prisma/seed/factories";
import { buildWorld, type World } from "../support/world";
import { bearerRequest, enrolTotp, issueToken } from "../support/api-token";

let world: World;
let regulatorAdminId: string;
const filter = (input: Record<string, string> = {}): AuditFilter => auditFilterSchema.parse(input);
const entry = (actorId: string | null, bankId: string | null, action: string, at?: string) =>
  db.auditLog.create({ data: { actorId, bankId, action, entityType: "user", entityId: actorId ?? "unknown", after: { tag: world.tag }, at: at ? new Date(at) : undefined, ip: "198.51.100.2" } });

beforeAll(async () => {
  world = await buildWorld();
  regulatorAdminId = (await createUser(db, { email: `regadmin.${world.tag}@shoudai.test`, name: `监管管理员${world.tag}`, role: "REGULATOR", jurisdiction: "ZHEJIANG", isAdmin: true })).id;
  await entry(world.userIds.owner, world.bankA, "auth.sign_in");
  await entry(world.userIds.otherBankManager, world.bankB, "auth.sign_in");
  await entry(world.userIds.regulator, null, "auth.sign_in");
  // A failed sign-in of an unknown account: no user, no bank.
  await db.auditLog.create({ data: { actorId: null, bankId: null, action: "auth.sign_in_failed", entityType: "user", entityId: `nobody.${world.tag}@x.test`, after: { email: `nobody.${world.tag}@x.test` } } });
});

describe("who reads which rows", () => {
  it("bank A's head office reads bank A's rows only", async () => {
    const page = await listAuditLog(await world.actor("headOffice"), filter());
    expect(page?.side).toBe("bank");
    const actors = new Set(page!.rows.map((r) => r.actorEmail));
    expect(actors.has(`owner.${world.tag}@shoudai.test`)).toBe(true);
    expect(actors.has(`otherbank.${world.tag}@shoudai.test`)).toBe(false);
    expect(actors.has(`regulator.${world.tag}@shoudai.test`)).toBe(false);
    expect(page!.rows.some((r) => r.entityId === `nobody.${world.tag}@x.test`)).toBe(false);
  });

  it("a regulator admin reads the regulator side (regulator users' rows and rows of no bank), no bank's rows", async () => {
    const admin = await loadActor(db, regulatorAdminId);
    const mine = await listAuditLog(admin, filter({ user: world.tag }));
    expect(mine?.side).toBe("regulator");
    expect(mine!.rows.map((r) => r.actorEmail)).toEqual([`regulator.${world.tag}@shoudai.test`]);
    const failed = await listAuditLog(admin, filter({ action: "auth.sign_in_failed" }));
    expect(failed!.rows.some((r) => r.entityId === `nobody.${world.tag}@x.test` && r.actorEmail === null)).toBe(true);
    // Bank users' rows never show on the regulator side.
    const all = await listAuditLog(admin, filter({ user: `owner.${world.tag}` }));
    expect(all!.rows).toEqual([]);
  });

  it.each(["signedOut", "disabled", "owner", "branchHead", "otherBankManager", "regulator"] as const)("%s reads nothing (not a regulator admin, not head office)", async (name) => {
    expect(await listAuditLog(await world.actor(name), filter())).toBeNull();
  });
});

describe("filters and pages", () => {
  it("filters by user email, action prefix and Shanghai days", async () => {
    const hq = await world.actor("headOffice");
    // 23:59:59 in Shanghai on 1 March, and midnight of 2 March.
    await entry(world.userIds.branchHead, world.bankA, "visit.log", "2026-03-01T15:59:59Z");
    await entry(world.userIds.branchHead, world.bankA, "credit.decide", "2026-03-01T16:00:00Z");
    const march1 = await listAuditLog(hq, filter({ from: "2026-03-01", to: "2026-03-01" }));
    expect(march1!.rows.map((r) => r.action)).toEqual(["visit.log"]);
    const march2 = await listAuditLog(hq, filter({ from: "2026-03-02", to: "2026-03-02" }));
    expect(march2!.rows.map((r) => r.action)).toEqual(["credit.decide"]);
    const byUser = await listAuditLog(hq, filter({ user: `HEAD.${world.tag}` }));
    expect(byUser!.rows.map((r) => r.action).sort()).toEqual(["credit.decide", "visit.log"]);
    const byAction = await listAuditLog(hq, filter({ action: "credit" }));
    expect(byAction!.rows.map((r) => r.action)).toEqual(["credit.decide"]);
    // Nonsense filters are ignored, never an error.
    expect(filter({ from: "2026-02-30", action: "DROP TABLE" })).toMatchObject({ from: undefined, action: undefined });
  });

  it("pages newest first by (time, id): 120 rows with the same time come back once each over three pages", async () => {
    const other = await buildWorld();
    const at = new Date("2026-04-01T02:00:00Z");
    await db.auditLog.createMany({ data: Array.from({ length: 120 }, (_, i) => ({ actorId: other.userIds.owner, bankId: other.bankA, action: "visit.log", entityType: "visit", entityId: String(i), at })) });
    const hq = await other.actor("headOffice");
    const seen: string[] = [];
    let after: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await listAuditLog(hq, filter(after ? { after } : {}));
      sizes.push(page!.rows.length);
      seen.push(...page!.rows.map((r) => r.entityId));
      after = page!.nextCursor ?? undefined;
    } while (after);
    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    // Same time: the larger id (written later) first.
    expect(seen.slice(0, 3)).toEqual(["119", "118", "117"]);
  });
});

describe("the export", () => {
  it("exports the head office's filtered rows as CSV (Chinese labels) and nothing of another bank; managers get 403", async () => {
    const hq = await world.actor("headOffice");
    const result = await exportResponse(hq, "audit", new URLSearchParams({ format: "csv", action: "auth.sign_in" }));
    expect(result.status).toBe(200);
    const csv = result.body as string;
    expect(csv).toContain(`owner.${world.tag}@shoudai.test`);
    expect(csv).toContain("登录");
    expect(csv).not.toContain(`otherbank.${world.tag}@shoudai.test`);
    expect(result.download).toMatchObject({ table: "audit", format: "csv", filters: { action: "auth.sign_in" } });
    expect((await exportResponse(await world.actor("owner"), "audit", new URLSearchParams({ format: "csv" }))).status).toBe(403);
  });

  it("every download writes export.download with the table, filters, row count, format and the actor's bank", async () => {
    await enrolTotp(world.userIds.headOffice);
    const { token } = await issueToken(world.userIds.headOffice);
    const request = bearerRequest(`/api/v1/exports/audit?format=xlsx&user=${encodeURIComponent(`owner.${world.tag}`)}`, token);
    const response = await exportTable(request, { params: Promise.resolve({ table: "audit" }) });
    expect(response.status).toBe(200);
    const rows = await db.auditLog.findMany({ where: { action: "export.download", actorId: world.userIds.headOffice } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ bankId: world.bankA, entityType: "export", entityId: "audit", ip: "203.0.113.7", userAgent: "shoudai-test/1.0" });
    expect(rows[0]!.after).toEqual({ table: "audit", format: "xlsx", rows: 1, filters: { user: `owner.${world.tag}` } });

    const dashboard = await exportTable(bearerRequest("/api/v1/exports/bank-branches?format=csv&period=month&month=2026-03", token), { params: Promise.resolve({ table: "bank-branches" }) });
    expect(dashboard.status).toBe(200);
    const second = await db.auditLog.findFirstOrThrow({ where: { action: "export.download", actorId: world.userIds.headOffice, entityId: "bank-branches" } });
    expect(second.after).toMatchObject({ table: "bank-branches", format: "csv", filters: { period: "month", month: "2026-03" } });
    // A refused export (a branch table) hands out nothing and records no download.
    const refused = await exportTable(bearerRequest("/api/v1/exports/branch-managers?format=csv", token), { params: Promise.resolve({ table: "branch-managers" }) });
    expect(refused.status).toBe(403);
    expect(await db.auditLog.count({ where: { action: "export.download", actorId: world.userIds.headOffice } })).toBe(2);
  });
});

describe("refused ids", () => {
  it("another bank's batch, an unknown and a malformed id: 404 like a missing id, each written as access.refused", async () => {
    await enrolTotp(world.userIds.headOffice);
    const { token } = await issueToken(world.userIds.headOffice);
    const theirs = await db.listBatch.create({
      data: { listType: "SETTLEMENT_ACCOUNT", name: `拒绝${world.tag}`, issuedOn: new Date("2026-01-05T00:00:00Z"), status: "DONE", ownerBankId: world.bankB },
    });
    const unknown = "00000000-0000-4000-8000-000000000000";
    const bodies: unknown[] = [];
    for (const id of [theirs.id, unknown, "-".repeat(36)]) {
      const response = await batchStatus(bearerRequest(`/api/v1/lists/batches/${id}`, token), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(404);
      bodies.push(await response.json());
    }
    // The same answer whether the batch exists (another bank's) or not.
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    const cancel = await cancelBatch(bearerRequest(`/api/v1/lists/batches/${theirs.id}/cancel`, token, { method: "POST" }), { params: Promise.resolve({ id: theirs.id }) });
    expect(cancel.status).toBe(404);

    const refused = await db.auditLog.findMany({ where: { action: "access.refused", actorId: world.userIds.headOffice }, orderBy: { id: "asc" } });
    expect(refused.map((r) => r.entityId)).toEqual([theirs.id, unknown, "-".repeat(36), theirs.id]);
    expect(refused[0]).toMatchObject({ bankId: world.bankA, entityType: "list_batch", ip: "203.0.113.7", userAgent: "shoudai-test/1.0" });
    expect(refused[0]!.after).toEqual({ path: `/api/v1/lists/batches/${theirs.id}` });
    expect(refused[3]!.after).toEqual({ path: `/api/v1/lists/batches/${theirs.id}/cancel` });
  });
});

describe("append-only", () => {
  // Each statement runs in a transaction that is rolled back whatever happens.
  const attempt = (statement: string) =>
    db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(statement);
      throw new Error("statement went through");
    }).then(() => "went through", (error: Error) => error.message);

  it.each([
    ["UPDATE", "UPDATE audit_logs SET action = 'x.changed' WHERE id = (SELECT max(id) FROM audit_logs)"],
    ["DELETE", "DELETE FROM audit_logs WHERE id = (SELECT max(id) FROM audit_logs)"],
    ["TRUNCATE", "TRUNCATE audit_logs"],
  ])("%s on audit_logs is refused by the database", async (_kind, statement) => {
    const count = await db.auditLog.count();
    const message = await attempt(statement);
    expect(message).not.toBe("statement went through");
    expect(message).toMatch(/append-only|not allowed|audit_logs/i);
    expect(await db.auditLog.count()).toBe(count);
  });

  it("writeAudit still appends", async () => {
    const before = await db.auditLog.count({ where: { bankId: world.bankA } });
    await writeAudit(db, { actorId: world.userIds.owner, bankId: world.bankA, action: "visit.log", entityType: "visit", entityId: "x" });
    expect(await db.auditLog.count({ where: { bankId: world.bankA } })).toBe(before + 1);
  });
});
