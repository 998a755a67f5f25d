import "server-only";
import { cache } from "react";
import { createPrismaClient, createReplicaClient, type Db } from "@/lib/db-client";
import { ReadRouter, replicaOptionsFromEnv, replicaUrlsFromEnv } from "@/lib/db-replicas";

// One client per role and process: `db` is the primary (DATABASE_URL), which takes every write
// and every read that did not choose otherwise; `readDb(actor)` is for the read-only paths
// (lib/db-replicas.ts). In development Next re-evaluates modules on every edit, so keep them
// on globalThis to avoid opening new pools each time.
const globalForDb = globalThis as unknown as { shoudaiDb?: Db; shoudaiReads?: ReadRouter };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm run dev sets it for the embedded database)");
  return url;
}

export const db: Db = globalForDb.shoudaiDb ?? createPrismaClient(databaseUrl(), { max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
if (process.env.NODE_ENV !== "production") globalForDb.shoudaiDb = db;

/** The replicas of DATABASE_REPLICA_URLS and their last known health (none: all reads on the primary). */
export const readRouter: ReadRouter =
  globalForDb.shoudaiReads ??
  new ReadRouter(
    db,
    replicaUrlsFromEnv().map((url) => createReplicaClient(url, { max: Number(process.env.DATABASE_REPLICA_POOL_MAX ?? process.env.DATABASE_POOL_MAX ?? 10) })),
    replicaOptionsFromEnv(),
  );
if (process.env.NODE_ENV !== "production") globalForDb.shoudaiReads = readRouter;

/**
 * The client for a read-only path (dashboards, the rollup API, exports, notices, coverage): a
 * healthy replica, or the primary when none is or when the actor wrote something moments ago
 * (read-your-writes: lib/read-your-writes.ts sets `readsPrimary`).
 */
export function readDb(actor: { readsPrimary?: boolean } | null | undefined): Db {
  return requestClient(actor?.readsPrimary === true);
}

// One server per request (React's per-request cache): a page's reads all see one server's
// snapshots, which only move forward. Outside a render this picks per call.
const requestClient = cache((primary: boolean): Db => readRouter.client({ primary }));
