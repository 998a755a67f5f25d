// /api/health and /api/ready (issue 14, "Operable"): ready only when every migration this
// build ships is applied; a pending one, a failed one or an unreachable database is 503.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createPrismaClient } from "@/lib/db-client";
import { liveness, readiness, shippedMigrations } from "@/lib/api/health";

describe("health and readiness", () => {
  it("liveness answers without the database", () => {
    expect(liveness()).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("the test database has every shipped migration: ready", async () => {
    const shipped = shippedMigrations();
    expect(shipped.length).toBeGreaterThan(20);
    const result = await readiness(db, shipped);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: "ready", database: { ok: true }, migrations: { shipped: shipped.length, pending: [], failed: [] } });
  });

  it("a migration the database lacks makes it not ready, and says which", async () => {
    const result = await readiness(db, [...shippedMigrations(), "29991231000000_not_applied_yet"]);
    expect(result.status).toBe(503);
    expect(result.body).toMatchObject({ status: "not_ready", migrations: { pending: ["29991231000000_not_applied_yet"] } });
  });

  it("an unreachable database is 503 'unavailable'", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.port = "1"; // nothing listens there
    const nowhere = createPrismaClient(url.toString(), { max: 1 });
    try {
      const result = await readiness(nowhere, shippedMigrations());
      expect(result).toMatchObject({ status: 503, body: { status: "unavailable", database: { ok: false } } });
    } finally {
      await nowhere.$disconnect();
    }
  });
});
