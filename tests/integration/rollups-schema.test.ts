// The rollup triggers and functions are hand-written SQL the schema engine cannot see (so the
// drift check cannot notice them missing): check they are there and enabled.
import pg from "pg";
import { describe, expect, it } from "vitest";

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("rollup triggers", () => {
  it("are installed and enabled on every fact table", async () => {
    const rows = await query<{ tgname: string; table: string }>(
      "SELECT tgname, tgrelid::regclass::text AS table FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D' AND tgname LIKE 'rollup_%'",
    );
    const names = rows.map((r) => r.tgname);
    expect(names).toEqual(expect.arrayContaining([
      "rollup_visits", "rollup_visits_update", "rollup_financing_needs", "rollup_financing_needs_update",
      "rollup_credit_lines_before", "rollup_credit_lines_before_update", "rollup_credit_lines", "rollup_credit_lines_update",
      "rollup_enterprises_insert", "rollup_enterprises_delete", "rollup_enterprises_update",
      // The first-ever disbursement names the line (branch, proposer) a first loan is credited to.
      "rollup_disbursements_insert", "rollup_disbursements_delete", "rollup_disbursements_update",
      // The rollup version (lib/rollups/cache.ts): bumped when a change to the daily tables commits.
      "rollup_version_region", "rollup_version_bank",
      // Coverage (coverage_counts): what lists, allocations, clients, visits and the registry change.
      "rollup_coverage_memberships_insert", "rollup_coverage_allocations_update", "rollup_coverage_clients_update",
      "rollup_coverage_visits_insert", "rollup_coverage_enterprises_update",
    ]));
    expect(new Set(rows.map((r) => r.table))).toEqual(new Set([
      "visits", "financing_needs", "credit_lines", "bank_clients", "list_memberships", "enterprises", "disbursements",
      "rollup_region_daily", "rollup_bank_daily", "enterprise_allocations",
    ]));
  });

  it("fires once per statement on list_memberships and bank_clients, with transition tables (bulk imports and assignments)", async () => {
    // tgtype bit 0: FOR EACH ROW; tgoldtable/tgnewtable: the REFERENCING names.
    const rows = await query<{ tgname: string; table: string; per_row: boolean; old_table: string | null; new_table: string | null }>(
      `SELECT tgname, tgrelid::regclass::text AS table, (tgtype & 1) = 1 AS per_row, tgoldtable AS old_table, tgnewtable AS new_table
         FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'rollup_%' AND tgrelid::regclass::text IN ('list_memberships', 'bank_clients')
        ORDER BY tgname`,
    );
    expect(rows).toEqual([
      { tgname: "rollup_bank_clients_delete", table: "bank_clients", per_row: false, old_table: "rollup_old_rows", new_table: null },
      { tgname: "rollup_bank_clients_insert", table: "bank_clients", per_row: false, old_table: null, new_table: "rollup_new_rows" },
      { tgname: "rollup_bank_clients_update", table: "bank_clients", per_row: false, old_table: "rollup_old_rows", new_table: "rollup_new_rows" },
      { tgname: "rollup_coverage_clients_delete", table: "bank_clients", per_row: false, old_table: "coverage_old", new_table: null },
      { tgname: "rollup_coverage_clients_insert", table: "bank_clients", per_row: false, old_table: null, new_table: "coverage_new" },
      { tgname: "rollup_coverage_clients_update", table: "bank_clients", per_row: false, old_table: "coverage_old", new_table: "coverage_new" },
      { tgname: "rollup_coverage_memberships_delete", table: "list_memberships", per_row: false, old_table: "coverage_old", new_table: null },
      { tgname: "rollup_coverage_memberships_insert", table: "list_memberships", per_row: false, old_table: null, new_table: "coverage_new" },
      { tgname: "rollup_coverage_memberships_update", table: "list_memberships", per_row: false, old_table: "coverage_old", new_table: "coverage_new" },
      { tgname: "rollup_list_memberships_delete", table: "list_memberships", per_row: false, old_table: "rollup_old_rows", new_table: null },
      { tgname: "rollup_list_memberships_insert", table: "list_memberships", per_row: false, old_table: null, new_table: "rollup_new_rows" },
      { tgname: "rollup_list_memberships_update", table: "list_memberships", per_row: false, old_table: "rollup_old_rows", new_table: "rollup_new_rows" },
    ]);
    const fns = await query<{ proname: string }>(
      "SELECT proname FROM pg_proc WHERE proname IN ('rollup_refresh_enterprises', 'rollup_refresh_set', 'rollup_refresh_temp_ids', 'rollup_move_clients') ORDER BY 1",
    );
    expect(fns.map((f) => f.proname)).toEqual(["rollup_move_clients", "rollup_refresh_enterprises", "rollup_refresh_set", "rollup_refresh_temp_ids"]);
  });

  it("bumps the version at commit (deferred), so the slot lock is the last lock a writer takes", async () => {
    const rows = await query<{ tgname: string; tgdeferrable: boolean; tginitdeferred: boolean }>(
      "SELECT tgname, tgdeferrable, tginitdeferred FROM pg_trigger WHERE tgname LIKE 'rollup_version_%' ORDER BY tgname",
    );
    expect(rows).toEqual([
      { tgname: "rollup_version_bank", tgdeferrable: true, tginitdeferred: true },
      { tgname: "rollup_version_region", tgdeferrable: true, tginitdeferred: true },
    ]);
    const slots = await query<{ n: number }>("SELECT count(*)::int AS n FROM rollup_versions");
    expect(slots[0]?.n).toBe(32);
  });

  it("has the rebuild functions (daily and monthly)", async () => {
    const rows = await query<{ proname: string }>("SELECT proname FROM pg_proc WHERE proname LIKE 'rollup_rebuild%'");
    expect(rows.map((r) => r.proname).sort()).toEqual(["rollup_rebuild", "rollup_rebuild_daily", "rollup_rebuild_monthly"]);
  });
});
