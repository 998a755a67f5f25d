// A plain node-postgres pool beside Prisma's, for what Prisma cannot do: COPY streams
// (pg-copy-streams) and long transactions driven statement by statement (the list import).
// Scripts and tests use it too, so it is not server-only; one pool per process.
import pg from "pg";
import { log } from "@/lib/log";

const globalForPg = globalThis as unknown as { shoudaiPg?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPg.shoudaiPg) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    globalForPg.shoudaiPg = new pg.Pool({ connectionString, max: Number(process.env.PG_POOL_MAX ?? 4), application_name: "shoudai" });
    // An idle client that loses its server (restart, kill) must not crash the process.
    globalForPg.shoudaiPg.on("error", (error) => log("error", "idle database client lost", { error: error.message }));
  }
  return globalForPg.shoudaiPg;
}
