// Several app nodes start at once and each runs the migrations (issue 14): every migration is
// applied exactly once, by one of them, and both finish with the database complete.
// migrate() takes the migration lock per migration at transaction level (scripts/db/migrate.ts).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, tempDataDir, type RunningPostgres } from "../../scripts/db/embedded";
import { migrate, readMigrations } from "../../scripts/db/migrate";

let serverUrl: URL;
let embedded: RunningPostgres | undefined;
const database = `migrate_race_${process.pid}`;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    serverUrl = new URL(process.env.DATABASE_URL);
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: tempDataDir("migrate-race"), persistent: false, quiet: true });
    serverUrl = new URL(embedded.url("postgres"));
  }
  serverUrl.pathname = "/postgres";
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${database}"`);
  });
}, 120_000);

afterAll(async () => {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).catch(() => {});
  await embedded?.stop();
});

describe("migrations with several nodes starting at once", () => {
  it("two concurrent runs apply each migration once between them, and both end complete", async () => {
    const url = new URL(serverUrl.toString());
    url.pathname = `/${database}`;
    const [a, b] = await Promise.all([migrate(url.toString(), { quiet: true }), migrate(url.toString(), { quiet: true })]);
    const shipped = readMigrations().map((m) => m.name);
    expect([...a, ...b].sort()).toEqual([...shipped].sort());
    expect(a.filter((name) => b.includes(name))).toEqual([]);

    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; finished: boolean }>(
        `SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.map((r) => r.migration_name)).toEqual([...shipped].sort());
      expect(rows.every((r) => r.finished)).toBe(true);
      // A third node starting later finds nothing to do.
      expect(await migrate(url.toString(), { quiet: true })).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
