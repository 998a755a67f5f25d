// Builds a Prisma client on node-postgres. Scripts (seed, scenario, benchmarks) use this
// directly; the app goes through lib/db.ts, which adds the server-only guard and a singleton.
//
// PgBouncer (transaction mode) is fine: @prisma/adapter-pg sends unnamed statements (no
// server-side prepared statements survive a statement), and the app keeps no session state
// across statements (SET LOCAL and pg_advisory_xact_lock only, inside transactions).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export function createPrismaClient(connectionString: string, options?: { max?: number; connectionTimeoutMillis?: number }) {
  const adapter = new PrismaPg({
    connectionString,
    max: options?.max ?? 10,
    ...(options?.connectionTimeoutMillis ? { connectionTimeoutMillis: options.connectionTimeoutMillis } : {}),
  });
  return new PrismaClient({ adapter });
}

/**
 * A client for a read replica, on a pool of our own: lib/db-replicas.ts listens to the pool's
 * errors (a replica going away terminates its idle connections) to stop using it at once.
 */
export function createReplicaClient(connectionString: string, options?: { max?: number }): { url: string; client: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max: options?.max ?? 10, connectionTimeoutMillis: 3000, application_name: "shoudai-read" });
  return { url: connectionString, client: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
}

export type Db = ReturnType<typeof createPrismaClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
