// npm run db:seed — seeds the demo province into an empty database (DATABASE_URL, or the
// embedded development database). Refuses to seed a database that already has data.
import pg from "pg";
import { createPrismaClient } from "@/lib/db-client";
import { seedDemo } from "./seed/demo";

/**
 * The seed writes through the same commands as the app, whose rollup triggers would redo the
 * aggregates at every visit. For the seed's own connections the triggers are deferred (a
 * database-level setting picked up by new connections) and the aggregates are rebuilt once,
 * set-based, at the end; connections opened afterwards (the app's) keep them live.
 */
async function withRollupsDeferred<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const database = (await admin.query<{ db: string }>("SELECT current_database() AS db")).rows[0]!.db;
  const quoted = `"${database.replace(/"/g, '""')}"`;
  try {
    await admin.query(`ALTER DATABASE ${quoted} SET shoudai.rollups = 'deferred'`);
    const result = await work();
    await admin.query(`ALTER DATABASE ${quoted} RESET shoudai.rollups`);
    await admin.query("SELECT rollup_rebuild()");
    return result;
  } finally {
    await admin.query(`ALTER DATABASE ${quoted} RESET shoudai.rollups`).catch(() => {});
    await admin.end();
  }
}

async function isEmpty(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query("SELECT 1 FROM banks LIMIT 1")).rowCount === 0;
  } finally {
    await client.end();
  }
}

export async function seedIfEmpty(databaseUrl: string): Promise<boolean> {
  if (!(await isEmpty(databaseUrl))) return false;
  // The demo's TOTP secrets are sealed with AUTH_SECRET (lib/auth/totp.ts): the app's, or for
  // scripts that run without one (benchmarks), the development secret kept in .data/.
  if (!process.env.AUTH_SECRET) {
    const { devAuthSecret } = await import("../scripts/db/dev-db");
    process.env.AUTH_SECRET = devAuthSecret();
  }
  const started = Date.now();
  const result = await withRollupsDeferred(databaseUrl, async () => {
    // Opened only now, so its connections see the deferred setting.
    const db = createPrismaClient(databaseUrl);
    try {
      return await seedDemo(db);
    } finally {
      await db.$disconnect();
    }
  });
  console.log(`seeded demo province: ${result.enterprises} enterprises, ${result.visits} visits, ${result.lines} credit proposals in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("Set DATABASE_URL, or run `npm run dev`, which seeds the embedded database itself.");
    process.exit(1);
  }
  const seeded = await seedIfEmpty(url);
  if (!seeded) console.log("database already has data: nothing seeded");
}
