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
      "rollup_bank_clients", "rollup_bank_clients_update", "rollup_list_memberships", "rollup_list_memberships_update",
      "rollup_enterprises_insert", "rollup_enterprises_delete", "rollup_enterprises_update",
      // The rollup version (lib/rollups/cache.ts): bumped when a change to the daily tables commits.
      "rollup_version_region", "rollup_version_bank",
    ]));
    expect(new Set(rows.map((r) => r.table))).toEqual(new Set([
      "visits", "financing_needs", "credit_lines", "bank_clients", "list_memberships", "enterprises", "rollup_region_daily", "rollup_bank_daily",
    ]));
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
