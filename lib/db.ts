import "server-only";
import { createPrismaClient, type Db } from "@/lib/db-client";

// One client per process; in development Next re-evaluates modules on every edit, so keep it
// on globalThis to avoid opening a new pool each time.
const globalForDb = globalThis as unknown as { shoudaiDb?: Db };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm run dev sets it for the embedded database)");
  return url;
}

export const db: Db = globalForDb.shoudaiDb ?? createPrismaClient(databaseUrl(), { max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
if (process.env.NODE_ENV !== "production") globalForDb.shoudaiDb = db;
