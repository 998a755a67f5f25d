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
    ]));
    expect(new Set(rows.map((r) => r.table))).toEqual(new Set(["visits", "financing_needs", "credit_lines", "bank_clients", "list_memberships", "enterprises"]));
  });

  it("has the rebuild functions (daily and monthly)", async () => {
    const rows = await query<{ proname: string }>("SELECT proname FROM pg_proc WHERE proname LIKE 'rollup_rebuild%'");
    expect(rows.map((r) => r.proname).sort()).toEqual(["rollup_rebuild", "rollup_rebuild_daily", "rollup_rebuild_monthly"]);
  });
});
