// The migrations in prisma/migrations must produce exactly what prisma/schema.prisma
// describes: a schema change without its migration (or an edited database) fails here.
// Also checks what the drift check cannot see (hand-written CHECKs, partial index,
// triggers), and that migrate() keeps Prisma-compatible bookkeeping.
//
// Uses DATABASE_URL (already migrated by `npm test`); without it, starts its own embedded
// PostgreSQL and migrates it, so `npx vitest run tests/integration/schema-drift.test.ts`
// works on its own. Only reads the shared database (migrate() on it is a no-op).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, tempDataDir, type RunningPostgres } from "../../scripts/db/embedded";
import { checksumMatches, migrate, readMigrations } from "../../scripts/db/migrate";
import { DEFAULT_SCHEMA_PATH, schemaDrift, withoutHandWrittenObjects } from "../../scripts/db/schema-engine";

let databaseUrl: string;
let embedded: RunningPostgres | undefined;
let tempDir: string | undefined;

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    databaseUrl = process.env.DATABASE_URL;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: tempDataDir("schema-drift"), persistent: false, quiet: true });
    await embedded.createDatabase("schema_drift");
    databaseUrl = embedded.url("schema_drift");
    await migrate(databaseUrl, { quiet: true });
  }
}, 120_000);

afterAll(async () => {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  await embedded?.stop();
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("schema drift", () => {
  it("the migrated database matches schema.prisma", async () => {
    expect(await schemaDrift(databaseUrl)).toBe("");
  }, 60_000);

  it("reports a schema change that has no migration", async () => {
    // A copy of schema.prisma with one extra column, as if someone edited the schema and
    // forgot `npm run db:migration:new`.
    const schema = readFileSync(DEFAULT_SCHEMA_PATH, "utf8");
    const modified = schema.replace(/^model Bank \{\n/m, (head) => `${head}  swiftCode String? @map("swift_code")\n`);
    expect(modified).not.toBe(schema);
    tempDir = mkdtempSync(path.join(os.tmpdir(), "shoudai-schema-"));
    const schemaPath = path.join(tempDir, "schema.prisma");
    writeFileSync(schemaPath, modified);

    const drift = await schemaDrift(databaseUrl, { schemaPath });
    expect(drift).toContain('ALTER TABLE "banks" ADD COLUMN');
    expect(drift).toContain('"swift_code" TEXT');
  }, 60_000);

  it("filters only the listed hand-written statements", () => {
    const script = '-- DropIndex\nDROP INDEX "x_partial";\n\n-- AlterTable\nALTER TABLE "banks" ADD COLUMN "y" TEXT;\n';
    expect(withoutHandWrittenObjects(script, ['DROP INDEX "x_partial";'])).toBe('\n-- AlterTable\nALTER TABLE "banks" ADD COLUMN "y" TEXT;\n');
    expect(withoutHandWrittenObjects('-- DropIndex\nDROP INDEX "x_partial";\n', ['DROP INDEX "x_partial";'])).toBe("");
    expect(withoutHandWrittenObjects(script, [])).toBe(script);
  });
});

describe("hand-written objects the drift check cannot see", () => {
  it("has every CHECK constraint of 20261128000100_constraints", async () => {
    const rows = await query<{ conname: string }>(
      "SELECT conname FROM pg_constraint WHERE contype = 'c' AND connamespace = current_schema()::regnamespace",
    );
    expect(rows.map((r) => r.conname).sort()).toEqual(
      expect.arrayContaining([
        "credit_lines_drawn_amount_nonnegative",
        "credit_lines_drawn_within_limit",
        "credit_lines_limit_amount_positive",
        "credit_lines_validity_order",
        "disbursements_amount_positive",
        "enterprises_industry_section",
        "enterprises_uscc_format",
        "financing_needs_amount_positive",
        "financing_needs_term_months_range",
        "repayments_amount_positive",
        "users_branch_staff_scope",
        "users_head_office_scope",
        "users_regulator_scope",
        "visits_need_or_reason",
        "visits_notes_length",
      ]),
    );
  });

  it("has the partial unique index on pending credit lines", async () => {
    const rows = await query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'credit_lines_one_pending_per_bank_enterprise'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.indexdef).toMatch(/UNIQUE INDEX .* \(bank_id, enterprise_id\) WHERE \(status = 'PENDING'/);
  });

  it("has the append-only triggers", async () => {
    const rows = await query<{ tgname: string }>("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'");
    expect(rows.map((r) => r.tgname)).toEqual(
      expect.arrayContaining(["stage_events_append_only", "stage_events_no_truncate", "audit_logs_append_only", "audit_logs_no_truncate"]),
    );
  });
});

describe("foreign keys checked per statement (20261130173500_statement_level_client_refs)", () => {
  it("has no foreign key for bank_clients.branch_id / manager_id and client_assignments.client_id, and the triggers that stand for them", async () => {
    const fks = await query<{ conname: string }>(
      "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conname IN ('bank_clients_branch_id_fkey', 'bank_clients_manager_id_fkey', 'client_assignments_client_id_fkey')",
    );
    expect(fks).toEqual([]);
    const rows = await query<{ tgname: string }>("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'");
    expect(rows.map((r) => r.tgname)).toEqual(
      expect.arrayContaining([
        "bank_clients_check_refs_insert", "bank_clients_check_refs_update", "branches_release_clients", "users_release_clients",
        "branches_follow_id", "users_follow_id", "client_assignments_check_client", "bank_clients_keep_history_delete", "bank_clients_keep_history_id",
      ]),
    );
  });
});

describe("foreign keys checked per statement (20261201000000_statement_level_list_refs)", () => {
  it("has no foreign key for list_memberships' enterprise and batch and list_batch_rows' batch, and the triggers that stand for them", async () => {
    const fks = await query<{ conname: string }>(
      "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conname IN ('list_memberships_enterprise_id_fkey', 'list_memberships_batch_id_fkey', 'list_batch_rows_batch_id_fkey')",
    );
    expect(fks).toEqual([]);
    const rows = await query<{ tgname: string }>("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'");
    expect(rows.map((r) => r.tgname)).toEqual(
      expect.arrayContaining([
        "list_memberships_check_refs_insert", "list_memberships_check_refs_update", "list_batch_rows_check_refs_insert",
        "list_batch_rows_check_refs_update", "enterprises_list_refs_delete", "list_batches_list_refs_delete",
        "enterprises_list_refs_follow_id", "list_batches_list_refs_follow_id",
      ]),
    );
  });
});

describe("migrate()", () => {
  it("is a no-op on a migrated database and records every migration as Prisma does", async () => {
    expect(await migrate(databaseUrl, { quiet: true })).toEqual([]);

    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      logs: string | null;
      applied_steps_count: number;
    }>('SELECT * FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY migration_name');
    const files = readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const file = files[i]!;
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(checksumMatches(file.script, row.checksum)).toBe(true);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  }, 60_000);
});
