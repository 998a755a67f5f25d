// Prisma's schema engine (compiled to Wasm, @prisma/schema-engine-wasm) driven through
// @prisma/adapter-pg. The Prisma CLI's migrate commands need a native schema-engine binary
// that cannot be downloaded on these machines; the Wasm build computes the same diffs and
// writes the same migration SQL, as long as we feed it a database connection ourselves.
//
// Exports:
//   createMigration(databaseUrl, name, opts?) — like `prisma migrate dev --create-only`:
//       writes prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql going from the
//       existing migrations to schema.prisma. Applying it is `migrate()`'s job (migrate.ts).
//   schemaDrift(databaseUrl, opts?) — the SQL that would take the *live* database to
//       schema.prisma; "" when they agree (after removing HAND_WRITTEN_OBJECTS, below).
//
// Pitfalls handled here (see ../shared/STACK.md, "Prisma 7 offline"):
//   - the Wasm glue file imports the .wasm as an ES module, which Node 20 only does behind
//     --experimental-wasm-modules: we instantiate the module ourselves;
//   - its panic hook writes to globalThis.PRISMA_WASM_PANIC_REGISTRY, which must exist;
//   - the engine's introspection reads Postgres' internal "char" columns (oid 18, e.g.
//     pg_constraint.contype) that adapter-pg refuses ("Unsupported column type");
//   - adapter-pg's executeScript() splits scripts on every ";", which breaks any migration
//     with a PL/pgSQL body (our append-only triggers) when the engine replays it;
//   - adapter-pg's own connectToShadowDb() points the shadow pool at the *main* database
//     when configured with a connectionString (pg lets connectionString override
//     `database`), and drops the shadow database before closing its pool.
import { readFileSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import pg from "pg";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_SCHEMA_PATH = path.join(PROJECT_ROOT, "prisma", "schema.prisma");
export const DEFAULT_MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "migrations");

/**
 * Statements the engine may propose that would undo objects our hand-written migrations
 * create on purpose (Prisma's schema language cannot describe them). `schemaDrift` and
 * `createMigration` remove exactly these statements (with their "-- <Step>" comment) and
 * nothing else, so any other drift still shows.
 *
 * What the engine sees (checked with @prisma/schema-engine-wasm 8.1.0-2.59be4fda…):
 *   - CHECK constraints, triggers and functions: never introspected, never diffed;
 *   - partial indexes: ignored as well, even with the `partialIndexes` preview feature. The
 *     entry below guards against engines that start reporting them (the index would then
 *     show up as a DROP INDEX that must not be applied);
 *   - any other hand-written index (expression, GIN, extra column set) *is* reported as
 *     drift: add its DROP statement here, next to the migration that creates it.
 * Because the engine cannot see these objects, it cannot notice them missing either:
 * tests/integration/schema-drift.test.ts checks their presence in the catalog.
 */
export const HAND_WRITTEN_OBJECTS: readonly string[] = [
  // 20261128000100_constraints: one PENDING credit-line proposal per bank × enterprise.
  'DROP INDEX "credit_lines_one_pending_per_bank_enterprise";',
  // 20261128010000_money_path: at most one first-ever disbursement per enterprise.
  'DROP INDEX "disbursements_one_first_ever_per_enterprise";',
  // 20261130130000_pool_search: every read scope. (Its registry indexes, name characters and
  // keyset order, and 20261130130200_pool_county's went in *_registry_without_pool_indexes.)
  'DROP INDEX "bank_clients_scope_idx";',
  // 20261130131658_publish_job_and_leaner_import_indexes: first loans only (partial).
  'DROP INDEX "enterprises_first_loan_on_idx";',
  // 20261130143055_pool_on_clients_and_leaner_moves: a bank's clients in name order (INCLUDE).
  'DROP INDEX "bank_clients_pool_idx";',
  // 20261130170000_pool_sorts: a bank's clients by last contact and by next follow-up (expressions).
  'DROP INDEX "bank_clients_last_contact_idx";',
  'DROP INDEX "bank_clients_follow_up_idx";',
  // 20261130170100_pool_name_grams: GIN over (bank, name pieces) with btree_gin.
  'DROP INDEX "bank_client_name_grams_idx";',
  // 20261130173500_statement_level_client_refs: these foreign keys are checked once per
  // statement by triggers (a bulk move paid one check per row); the relations stay in the schema.
  'ALTER TABLE "bank_clients" ADD CONSTRAINT "bank_clients_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE SET NULL ON UPDATE CASCADE;',
  'ALTER TABLE "bank_clients" ADD CONSTRAINT "bank_clients_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;',
  'ALTER TABLE "client_assignments" ADD CONSTRAINT "client_assignments_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "bank_clients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;',
  // 20261201000000_statement_level_list_refs: checked once per statement (a 530,000-row list
  // paid one check per membership and batch row for each reference).
  'ALTER TABLE "list_memberships" ADD CONSTRAINT "list_memberships_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;',
  'ALTER TABLE "list_memberships" ADD CONSTRAINT "list_memberships_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "list_batches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;',
  'ALTER TABLE "list_batch_rows" ADD CONSTRAINT "list_batch_rows_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "list_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;',
];

// No externally managed tables or enums in this project.
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export type SchemaOptions = {
  /** Path of the Prisma schema to compare against (default prisma/schema.prisma). */
  schemaPath?: string;
  /** Schema text instead of a file (takes precedence over schemaPath). */
  schemaText?: string;
};

export type MigrationDirOptions = {
  /** Migrations directory (default prisma/migrations). */
  migrationsDir?: string;
};

// ───────────────────────── Loading the Wasm engine ─────────────────────────

type SchemaEngineClass = typeof SchemaEngine;
let engineClass: Promise<SchemaEngineClass> | undefined;

/** Loads and instantiates the Wasm module once per process. */
function loadEngineClass(): Promise<SchemaEngineClass> {
  engineClass ??= (async () => {
    // The engine's panic hook calls PRISMA_WASM_PANIC_REGISTRY.set_message(); without it a
    // panic turns into an unrelated "Cannot read properties of undefined" error.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= new WasmPanicRegistry();

    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    // Imported by resolved file URL, so the same module instance holds the Wasm exports
    // whatever loader (tsx, vitest) runs us.
    const glue = (await import(pathToFileURL(gluePath).href)) as typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    // The module's only import namespace is its own glue file.
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return engineClass;
}

class WasmPanicRegistry {
  private message = "";
  get(): string {
    return this.message;
  }
  set_message(value: string): void {
    this.message = `RuntimeError: ${value}`;
  }
}

/** Adds the panic message (if any) to errors coming out of the engine. */
function explainEngineError(error: unknown): Error {
  const registry = (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: WasmPanicRegistry }).PRISMA_WASM_PANIC_REGISTRY;
  if (error instanceof Error && error.name === "RuntimeError" && registry?.get()) {
    return new Error(`Schema engine panicked: ${registry.get()}`, { cause: error });
  }
  if (error instanceof Error) return error;
  // The engine rejects with plain objects ({ message, error_code, meta, ... }) on user errors.
  const message =
    typeof error === "object" && error !== null && "message" in error ? String(error.message) : JSON.stringify(error);
  return new Error(`Schema engine: ${message}`, { cause: error });
}

// ───────────────────────── Database connection for the engine ─────────────────────────

/** Marks, on a result's `rows` array, which columns were Postgres "char" (oid 18). */
const CHAR_COLUMNS = Symbol("charColumns");
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type FieldLike = { dataTypeID: number };
type ResultLike = { fields?: FieldLike[]; rows?: unknown[] };

/**
 * adapter-pg maps column types from each field's `dataTypeID` and throws on oid 18. Rewrite
 * those fields to text (their value is already a one-character string) and remember the
 * positions, so `withCharColumns` can label them `Character` for the engine.
 */
function relabelCharFields<T>(result: T): T {
  const r = result as ResultLike;
  if (!r || Array.isArray(r) || !r.fields || !r.rows) return result;
  const positions: number[] = [];
  r.fields.forEach((field, i) => {
    if (field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
      positions.push(i);
    }
  });
  if (positions.length) Object.defineProperty(r.rows, CHAR_COLUMNS, { value: positions });
  return result;
}

/** A pg client whose query results never carry the "char" oid (see relabelCharFields). */
class CharAsTextClient extends pg.Client {}
// Patched on the prototype rather than overridden in the class: pg.Client#query has a dozen
// overloads (promise and callback forms) that a typed override would have to restate.
const originalQuery = pg.Client.prototype.query;
(CharAsTextClient.prototype as { query: (...args: unknown[]) => unknown }).query = function (
  this: pg.Client,
  ...args: unknown[]
): unknown {
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback === "function") {
    // pg-pool's pool.query() uses the callback form.
    args[last] = (error: unknown, result: unknown) => callback(error, error ? result : relabelCharFields(result));
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  }
  const returned = (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  return returned instanceof Promise ? returned.then(relabelCharFields) : returned;
};

function withCharColumns(result: SqlResultSet): SqlResultSet {
  const positions = (result.rows as unknown as { [CHAR_COLUMNS]?: number[] })[CHAR_COLUMNS];
  for (const i of positions ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
  return result;
}

function patchQueryable<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => withCharColumns(await queryRaw(query));
  return queryable;
}

/** Wraps an adapter-pg connection with the fixes above. */
function patchAdapter(adapter: SqlDriverAdapter, onDispose?: () => Promise<void>): SqlDriverAdapter {
  patchQueryable(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => patchQueryable(await startTransaction(isolationLevel));
  // Send the whole script in one simple-protocol query (pg does that when there are no
  // parameters): Postgres itself splits statements correctly, dollar-quoted bodies included.
  // executeRaw keeps adapter-pg's error mapping, which the engine relies on for messages.
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  let disposed = false;
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    if (disposed) return; // the engine and our own cleanup may both dispose
    disposed = true;
    await dispose();
    await onDispose?.();
  };
  return adapter;
}

function poolConfig(connectionString: string): pg.PoolConfig {
  return { connectionString, Client: CharAsTextClient, max: 4 };
}

/** The same URL pointing at another database on the same server. */
function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The adapter factory handed to the engine. Tracks every connection it opens so `close()`
 * can release pools and drop shadow databases even when the engine fails half-way.
 */
class EngineAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";
  private readonly open = new Set<SqlDriverAdapter>();

  constructor(private readonly databaseUrl: string) {}

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = patchAdapter(await new PrismaPg(poolConfig(this.databaseUrl)).connect());
    this.open.add(adapter);
    return adapter;
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    // A separate database on the same server, addressed by its own URL (never by a
    // `database` key next to connectionString, which pg would ignore).
    const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await adminQuery(this.databaseUrl, `CREATE DATABASE "${name}"`);
    const adapter = patchAdapter(await new PrismaPg(poolConfig(withDatabase(this.databaseUrl, name))).connect(), () =>
      // After the pool is closed; FORCE ends any connection the engine left behind.
      adminQuery(this.databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    );
    this.open.add(adapter);
    return adapter;
  }

  async close(): Promise<void> {
    const adapters = [...this.open];
    this.open.clear();
    const results = await Promise.allSettled(adapters.map((a) => a.dispose()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }
}

/**
 * Runs `fn` with a fresh engine connected to `databaseUrl`, then frees the engine, its
 * connections and any shadow database. For engine commands not wrapped here.
 */
export async function withSchemaEngine<T>(databaseUrl: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const Engine = await loadEngineClass();
  const factory = new EngineAdapterFactory(databaseUrl);
  // The engine's tracing output (JSON lines); only useful when debugging the engine itself.
  const onLog = process.env.DEBUG_SCHEMA_ENGINE ? (line: string) => console.error(line) : () => {};
  let engine: SchemaEngine | undefined;
  let result: T;
  try {
    engine = await Engine.new({ datamodels: undefined }, onLog, bindMigrationAwareSqlAdapterFactory(factory));
    result = await fn(engine);
  } catch (error) {
    engine?.free();
    // Clean up, but report the engine's error rather than a cleanup failure.
    await factory.close().catch(() => {});
    throw explainEngineError(error);
  }
  engine.free();
  await factory.close();
  return result;
}

// ───────────────────────── Inputs ─────────────────────────

function readSchema(opts: SchemaOptions): { files: { path: string; content: string }[] } {
  const schemaPath = opts.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const content = opts.schemaText ?? readFileSync(schemaPath, "utf8");
  return { files: [{ path: schemaPath, content }] };
}

/** The migrations directory as the Prisma CLI hands it to the engine (same sort, same shape). */
async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const lockPath = "migration_lock.toml";
  const lockContent = await readFile(path.join(migrationsDir, lockPath), "utf8").catch(() => null);
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const directories = await Promise.all(
    entries
      .filter((e) => e.isDirectory())
      .map(async (e) => {
        const content = await readFile(path.join(migrationsDir, e.name, "migration.sql"), "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        );
        return { path: e.name, migrationFile: { path: "migration.sql", content } };
      }),
  );
  directories.sort((a, b) => a.path.localeCompare(b.path));
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockPath, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: directories,
  };
}

// ───────────────────────── Removing known hand-written objects ─────────────────────────

/**
 * Removes the HAND_WRITTEN_OBJECTS statements (and the "-- Step" comment line Prisma puts
 * before each) from an engine script. Returns "" when nothing but comments/blank lines remain.
 */
export function withoutHandWrittenObjects(script: string, objects: readonly string[] = HAND_WRITTEN_OBJECTS): string {
  const lines = script.split("\n");
  const kept: string[] = [];
  for (const line of lines) {
    if (objects.includes(line.trim())) {
      // Drop the "-- DropIndex"-style comment that introduced this statement too.
      if (/^-- \w+$/.test(kept.at(-1)?.trim() ?? "")) kept.pop();
      continue;
    }
    kept.push(line);
  }
  const result = kept.join("\n").replace(/\n{3,}/g, "\n\n");
  return isEffectivelyEmpty(result) ? "" : result;
}

/** True when a script has no SQL statement, only comments and whitespace. */
export function isEffectivelyEmpty(script: string): boolean {
  return script
    .split("\n")
    .map((l) => l.trim())
    .every((l) => l === "" || l.startsWith("--"));
}

// ───────────────────────── Public API ─────────────────────────

/**
 * The SQL script that would take the live database at `databaseUrl` to the Prisma schema,
 * minus HAND_WRITTEN_OBJECTS. "" when the database matches the schema.
 */
export async function schemaDrift(databaseUrl: string, opts: SchemaOptions = {}): Promise<string> {
  const schema = readSchema(opts);
  const result = await withSchemaEngine(databaseUrl, (engine) =>
    engine.diff({
      // The live database, reached through the engine's adapter connection (the Wasm engine
      // cannot open URLs itself: the "url" target is rejected).
      from: { tag: "schemaDatasource", ...schema, configDir: PROJECT_ROOT },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    }),
  );
  return withoutHandWrittenObjects(result.stdout ?? "");
}

export type CreatedMigration = { name: string; path: string; sql: string };

/** A Prisma-style migration directory name: UTC YYYYMMDDHHMMSS + "_" + name. */
export function migrationDirName(name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `${stamp}_${name}`;
}

/**
 * Like `prisma migrate dev --create-only`: writes the next migration (from the migrations
 * directory's state to the schema) and returns it, or returns null and writes nothing when
 * there is no change. `databaseUrl`'s database must be up to date with the migrations (run
 * migrate() first); the engine builds a temporary shadow database beside it on the same
 * server, so its user needs CREATEDB.
 */
export async function createMigration(
  databaseUrl: string,
  name: string,
  opts: SchemaOptions & MigrationDirOptions & { quiet?: boolean } = {},
): Promise<CreatedMigration | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Migration name must be snake_case ([a-z0-9_]+), got "${name}"`);
  const migrationsDir = opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const log = opts.quiet ? () => {} : (m: string) => console.log(m);
  const schema = readSchema(opts);

  return withSchemaEngine(databaseUrl, async (engine) => {
    const migrationsList = await readMigrationsList(migrationsDir);

    // devDiagnostic first, for two reasons. It replays the migrations into a shadow
    // database, and the Wasm engine's createMigration cannot open a shadow database itself
    // (it has no access to the adapter factory: "PostgreSQL shadow DB must be provided
    // through an external factory"); it reuses the schema devDiagnostic cached for this
    // exact migrations list. And it detects drift: where the CLI would offer to reset the
    // database, we never destroy data, we explain.
    const diagnostic = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
    if (diagnostic.action.tag === "reset") {
      throw new Error(`The database does not match the migrations: ${diagnostic.action.reason}`);
    }
    const history = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTER });
    if (history.failedMigrationNames.length) {
      throw new Error(`Failed migrations recorded in the database: ${history.failedMigrationNames.join(", ")}`);
    }
    if (history.editedMigrationNames.length) {
      throw new Error(`Applied migrations were edited since: ${history.editedMigrationNames.join(", ")}`);
    }
    if (history.history) {
      throw new Error(
        `The database's migration history does not match ${path.relative(PROJECT_ROOT, migrationsDir)}: ` +
          `${JSON.stringify(history.history)}. Apply pending migrations first (npm run db:migrate).`,
      );
    }

    const created = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList,
      schema,
      filters: NO_FILTER,
    });
    const script = created.migrationScript === null ? "" : withoutHandWrittenObjects(created.migrationScript);
    if (!script) {
      log("No changes: the migrations already produce schema.prisma.");
      return null;
    }

    // The engine names the directory with its own clock (UTC), like the CLI.
    const dirName = created.generatedMigrationName || migrationDirName(name);
    const dir = path.join(migrationsDir, dirName);
    await mkdir(dir, { recursive: false }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return mkdir(dir, { recursive: true });
      throw new Error(`The migration directory already exists at ${dir}`, { cause: error });
    });
    const file = path.join(dir, `migration.${created.extension}`);
    await writeFile(file, script, "utf8");
    // Same content as the CLI writes; the lock records the provider the history is for.
    await writeFile(
      path.join(migrationsDir, "migration_lock.toml"),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${created.connectorType}"\n`,
      "utf8",
    );
    log(`Created ${path.relative(PROJECT_ROOT, file)}`);
    return { name: dirName, path: file, sql: script };
  });
}
