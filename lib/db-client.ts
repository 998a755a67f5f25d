// Builds a Prisma client on node-postgres. Scripts (seed, scenario, benchmarks) use this
// directly; the app goes through lib/db.ts, which adds the server-only guard and a singleton.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export function createPrismaClient(connectionString: string, options?: { max?: number }) {
  const adapter = new PrismaPg({ connectionString, max: options?.max ?? 10 });
  return new PrismaClient({ adapter });
}

export type Db = ReturnType<typeof createPrismaClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
