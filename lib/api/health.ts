// For load balancers (issue 14, "Operable"):
//   GET /api/health — liveness: the process answers (no database call).
//   GET /api/ready  — readiness: the database answers, every migration this build ships is
//                     applied (none pending, none failed); 503 otherwise, with what is wrong.
//                     Also each read replica's state and lag (lib/db-replicas.ts): a replica
//                     that is down or behind does not make the node unready — its reads go
//                     to the primary, and `reads` says so.
// Neither needs a session nor says anything about the programme's data.
import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db-client";
import type { ReadRouter } from "@/lib/db-replicas";

export type ApiResult = { status: number; body: unknown };

const started = Date.now();

export function liveness(): ApiResult {
  return { status: 200, body: { status: "ok", uptimeSeconds: Math.round((Date.now() - started) / 1000) } };
}

/** The migration directories this build ships (the server runs from the project root). */
export function shippedMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

export async function readiness(db: Db, shipped: string[] = shippedMigrations(), router?: ReadRouter): Promise<ApiResult> {
  const checkedAt = new Date().toISOString();
  let rows: { migration_name: string; finished: boolean; rolled_back: boolean }[];
  const t0 = performance.now();
  try {
    rows = await db.$queryRaw`
      SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM "_prisma_migrations"`;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0]!.slice(0, 200) : "unreachable";
    return { status: 503, body: { status: "unavailable", checkedAt, database: { ok: false, error: reason } } };
  }
  const databaseMs = Math.round((performance.now() - t0) * 10) / 10;
  const applied = new Set(rows.filter((r) => r.finished && !r.rolled_back).map((r) => r.migration_name));
  const failed = rows.filter((r) => !r.finished && !r.rolled_back).map((r) => r.migration_name);
  const pending = shipped.filter((name) => !applied.has(name));
  const ok = pending.length === 0 && failed.length === 0 && shipped.length > 0;
  const replicas = router ? await router.current() : [];
  return {
    status: ok ? 200 : 503,
    body: {
      status: ok ? "ready" : "not_ready",
      checkedAt,
      database: { ok: true, ms: databaseMs },
      migrations: { shipped: shipped.length, applied: applied.size, pending, failed },
      // Where read-only paths read now: a replica when at least one is healthy.
      reads: replicas.some((r) => r.healthy) ? "replicas" : "primary",
      replicas,
    },
  };
}
