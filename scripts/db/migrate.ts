// Applies prisma/migrations to a PostgreSQL database, the way `prisma migrate deploy` does,
// without Prisma's native schema engine (which cannot be downloaded here: see
// ../shared/STACK.md). Bookkeeping goes into Prisma's own `_prisma_migrations` table with
// Prisma's DDL, ids, checksums and lock, so the Prisma CLI on a machine with internet accepts
// a database migrated by this script, and the other way round.
//
// Differences from Prisma, on purpose:
//   - each migration runs in its own transaction (Prisma runs scripts without one), so a
//     failing migration leaves no trace: no half-applied schema and no "failed" row to
//     resolve by hand — fix the SQL and run again. Consequence: a migration must not contain
//     statements that refuse to run in a transaction block (CREATE INDEX CONCURRENTLY,
//     ALTER SYSTEM, VACUUM…) nor its own BEGIN/COMMIT;
//   - the migration lock is taken per migration at transaction level (Prisma holds a session
//     lock for the whole run): the same exclusion, and it works through PgBouncer in
//     transaction mode. Several nodes running this at once apply each migration once;
//   - an applied migration whose file changed since is an error here (`deploy` ignores it,
//     only `migrate dev` complains): the history must stay reproducible.
//
// CLI: `npm run db:migrate` migrates $DATABASE_URL when set, otherwise the local dev cluster
// (scripts/db/dev-db.ts), starting and stopping it around the run.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { DEV_PG } from "./dev-db";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "migrations");

/**
 * The advisory lock key Prisma's schema engine takes around migrations on PostgreSQL: using
 * the same one also serialises us against a concurrent `prisma migrate deploy` (its
 * session-level lock and our transaction-level one share the key space).
 */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** Prisma's DDL for its bookkeeping table on PostgreSQL, column for column. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type MigrateOptions = {
  /** Print nothing (tests, scripts that report themselves). */
  quiet?: boolean;
  /** Migrations directory (default prisma/migrations). */
  migrationsDir?: string;
  /** How long to wait for another run holding the migration lock (default 60 s). */
  lockTimeoutMs?: number;
};

export type MigrationFile = { name: string; script: string; checksum: string };

type MigrationRow = {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
};

/** sha256 of the script, lower-case hex, zero-padded: what Prisma stores in `checksum`. */
export function migrationChecksum(script: string | Uint8Array): string {
  return createHash("sha256").update(script).digest("hex");
}

/**
 * Prisma's comparison (schema-engine checksum.rs): it also accepts the script with CRLF/LF
 * line endings swapped (git may rewrite them) and, for rows written by old engines, the
 * checksum rendered without zero-padding.
 */
export function checksumMatches(script: string, stored: string): boolean {
  const variants = [script, script.replace(/\r\n/g, "\n"), script.replace(/\n/g, "\r\n")];
  return variants.some((variant) => {
    const digest = createHash("sha256").update(variant).digest();
    const rendered =
      stored.length !== 64 && stored.length > 0
        ? [...digest].map((byte) => byte.toString(16)).join("") // pre-2021 engines
        : digest.toString("hex");
    return rendered === stored;
  });
}

/** Migration directories, in Prisma's order (it sorts with localeCompare). */
export function readMigrations(migrationsDir: string = MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(migrationsDir)) return [];
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      if (!existsSync(file)) throw new Error(`Migration directory ${name} has no migration.sql`);
      const bytes = readFileSync(file);
      // Prisma reads the file as UTF-8 text and hashes that text: for valid UTF-8 it is the
      // file's bytes. Invalid UTF-8 would make Prisma fail, so fail here too.
      let script: string;
      try {
        script = utf8.decode(bytes);
      } catch {
        throw new Error(`${name}/migration.sql is not valid UTF-8`);
      }
      return { name, script, checksum: migrationChecksum(bytes) };
    });
}

/**
 * Applies pending migrations to `databaseUrl` and returns the names applied (empty when the
 * database was up to date). Throws, applying nothing, when the recorded history is unsound:
 * a failed (unfinished, not rolled back) migration, or an applied migration edited since.
 */
export async function migrate(databaseUrl: string, opts: MigrateOptions = {}): Promise<string[]> {
  const log = opts.quiet ? () => {} : (message: string) => console.log(message);
  const migrations = readMigrations(opts.migrationsDir);
  const timeoutMs = opts.lockTimeoutMs ?? 60_000;

  const client = new pg.Client({ connectionString: databaseUrl, application_name: "shoudai-migrate" });
  await client.connect();
  try {
    const done: string[] = [];
    let warned = false;
    // One transaction per migration, each under the migration lock taken at transaction
    // level: several nodes starting at once apply every migration exactly once (the others
    // wait, then find it applied), and nothing depends on session state, so it works through
    // PgBouncer in transaction mode as well as on a direct connection.
    for (;;) {
      const applied = await inLockedTransaction(client, timeoutMs, async () => {
        await client.query(CREATE_MIGRATIONS_TABLE);
        const { rows } = await client.query<MigrationRow>(
          `SELECT id, checksum, migration_name, finished_at, rolled_back_at, logs
             FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
        );
        assertHistorySound(rows, migrations, warned ? () => {} : log);
        warned = true;
        // Rolled-back rows are history only; Prisma applies such a migration again.
        const done = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
        const next = migrations.find((m) => !done.has(m.name));
        if (!next) return null;
        await applyOne(client, next);
        return next.name;
      });
      if (!applied) break;
      done.push(applied);
      log(`Applied ${applied}`);
    }
    if (!done.length) log("No pending migrations.");
    return done;
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` in a transaction that holds the migration lock (pg_try_advisory_xact_lock,
 * released by COMMIT or ROLLBACK). Polls rather than blocks, so a stuck holder gives a clear
 * error instead of a hang.
 */
async function inLockedTransaction<T>(client: pg.Client, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await client.query("BEGIN");
    let result: T;
    try {
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS locked", [PRISMA_MIGRATE_LOCK_KEY]);
      if (!rows[0]?.locked) {
        await client.query("ROLLBACK");
        if (Date.now() > deadline) {
          throw new Error(
            `Timed out after ${timeoutMs} ms waiting for the migration lock (advisory lock ${PRISMA_MIGRATE_LOCK_KEY}): ` +
              "another migration run (ours or Prisma's) holds it.",
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      result = await work();
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
    await client.query("COMMIT");
    return result;
  }
}

function assertHistorySound(rows: MigrationRow[], migrations: MigrationFile[], log: (m: string) => void): void {
  const failed = rows.filter((r) => !r.finished_at && !r.rolled_back_at);
  if (failed.length) {
    const details = failed
      .map((r) => `  - ${r.migration_name} (id ${r.id})${r.logs ? `: ${r.logs.split("\n")[0]}` : ""}`)
      .join("\n");
    throw new Error(
      `The database has failed migrations; nothing was applied:\n${details}\n` +
        "Check the database by hand, then mark the row rolled back (UPDATE \"_prisma_migrations\" SET rolled_back_at = now() WHERE id = '…') " +
        "or finished, as `prisma migrate resolve` would.",
    );
  }

  const byName = new Map(migrations.map((m) => [m.name, m]));
  const active = rows.filter((r) => r.finished_at && !r.rolled_back_at);
  const edited = active.filter((r) => {
    const file = byName.get(r.migration_name);
    return file !== undefined && !checksumMatches(file.script, r.checksum);
  });
  if (edited.length) {
    throw new Error(
      `Applied migrations were modified after they were applied; nothing was applied:\n` +
        edited.map((r) => `  - ${r.migration_name}`).join("\n") +
        "\nRestore their original migration.sql (git) and put changes in a new migration.",
    );
  }

  const unknown = active.filter((r) => !byName.has(r.migration_name)).map((r) => r.migration_name);
  if (unknown.length) {
    // Prisma's deploy tolerates this too (e.g. an older checkout against a newer database).
    log(`Warning: the database has migrations this checkout does not know: ${unknown.join(", ")}`);
  }
}

/** Applies one migration inside the caller's transaction (inLockedTransaction). */
async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  try {
    // Rows as Prisma's engine writes them: a started row, the script, then one "step" and the
    // finish time. clock_timestamp() (not now(), frozen at BEGIN) gives real start/finish
    // times; the engine stores them with millisecond precision.
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at)
       VALUES ($1, $2, $3, date_trunc('milliseconds', clock_timestamp()))`,
      [id, migration.checksum, migration.name],
    );
    // No parameters → pg uses the simple query protocol, which runs a multi-statement
    // script (PL/pgSQL bodies included) exactly as psql would.
    await client.query(migration.script);
    await client.query(
      `UPDATE "_prisma_migrations"
          SET finished_at = date_trunc('milliseconds', clock_timestamp()), applied_steps_count = applied_steps_count + 1
        WHERE id = $1`,
      [id],
    );
  } catch (error) {
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${describePgError(error, migration.script)}`, {
      cause: error,
    });
  }
}

/** The Postgres message plus the line of migration.sql it points at, when it says. */
function describePgError(error: unknown, script: string): string {
  if (!(error instanceof Error)) return String(error);
  const position = Number((error as { position?: string }).position);
  if (!position) return error.message;
  const line = script.slice(0, position - 1).split("\n").length;
  return `${error.message} (migration.sql line ${line}: ${script.split("\n")[line - 1]?.trim()})`;
}

// ───────────────────────── CLI ─────────────────────────

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const applied = await migrate(url);
    console.log(applied.length ? `${applied.length} migration(s) applied.` : "Database is up to date.");
    // The job queue's schema is pg-boss's own (versioned by pg-boss): install or upgrade it too.
    const { installJobQueue } = await import("../../lib/jobs/queue");
    await installJobQueue(url);
    return;
  }
  // No DATABASE_URL: the local dev cluster, started just for this run.
  const { startEmbeddedPostgres } = await import("./embedded");
  const cluster = await startEmbeddedPostgres({
    dataDir: path.resolve(PROJECT_ROOT, DEV_PG.dataDir),
    port: DEV_PG.port,
    persistent: true,
  }).catch((error: unknown) => {
    // Usually `npm run dev` holds the cluster; it applies pending migrations when it starts.
    throw new Error(`${error instanceof Error ? error.message : String(error)}
npm run dev migrates on start-up: restarting it applies new migrations.`, {
      cause: error,
    });
  });
  try {
    await cluster.createDatabase(DEV_PG.database);
    console.log(`Dev database ${DEV_PG.database} on 127.0.0.1:${DEV_PG.port} (${DEV_PG.dataDir})`);
    const applied = await migrate(cluster.url(DEV_PG.database));
    console.log(applied.length ? `${applied.length} migration(s) applied.` : "Database is up to date.");
    const { installJobQueue } = await import("../../lib/jobs/queue");
    await installJobQueue(cluster.url(DEV_PG.database));
  } finally {
    await cluster.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
