// DATABASE_URL=… npx tsx --conditions=react-server scripts/bench/listing.ts [--rows 530000] [--runs 2]
//
// Times one INSERT … SELECT of list memberships for N enterprises nothing else counts for yet
// (a province list import's new enterprises), as the import writes it, three ways, each in a
// transaction rolled back afterwards:
//   bare      — the rollups deferred (SET LOCAL shoudai.rollups = 'deferred'): the write alone;
//   set path  — the statement trigger of 20261130130500 (recreated inside the transaction);
//   fast path — the current trigger (20261130140000_rollups_listing_fast_path).
// Wall time and the backend's CPU time (utime + stime from /proc, when the server runs here).
// Use a throw-away database (e.g. the scenario loaded with npm run seed:scenario): the setup
// commits N registry enterprises (USCC prefix 94) once.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { COUNTIES } from "@/lib/domain/regions";

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** The trigger function as 20261130130500 defined it (before the fast path). */
function setPathTrigger(): string {
  const file = path.join(import.meta.dirname, "../../prisma/migrations/20261130130500_rollups_bulk_paths/migration.sql");
  const sql = readFileSync(file, "utf8");
  const start = sql.indexOf('CREATE OR REPLACE FUNCTION "rollup_on_memberships_statement"()');
  const end = sql.indexOf("$$;", start);
  if (start < 0 || end < 0) throw new Error("trigger function not found in 20261130130500");
  return sql.slice(start, end + 3);
}

function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime (clock ticks)
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is required (a throw-away database)");
  const rows = arg("--rows", 530_000);
  const runs = arg("--runs", 2);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const name = `bench-listing-${rows}`;
  let batch = (await client.query<{ id: string }>("SELECT id FROM list_batches WHERE name = $1", [name])).rows[0];
  if (!batch) {
    const t0 = performance.now();
    await client.query("BEGIN");
    await client.query("SET LOCAL shoudai.rollups = 'deferred'");
    const counties = COUNTIES.map((c) => c.code);
    // Registry enterprises with no fact: nothing is counted for them, so no rebuild is needed.
    await client.query(
      `INSERT INTO enterprises (uscc, name, kind, county_code, city_code, industry)
       SELECT '94' || lpad(i::text, 16, '0'), '名单压测' || i, 'ENTERPRISE',
              ($1::text[])[1 + i % cardinality($1::text[])], left(($1::text[])[1 + i % cardinality($1::text[])], 4) || '00', 'C'
         FROM generate_series(1, $2::int) i
       ON CONFLICT (uscc) DO NOTHING`,
      [counties, rows],
    );
    batch = (await client.query<{ id: string }>(
      `INSERT INTO list_batches (list_type, name, issued_on, status, row_count) VALUES ('BANKS_VISIT_ENTERPRISES', $1, date '2026-11-01', 'DONE', $2) RETURNING id`,
      [name, rows],
    )).rows[0]!;
    await client.query("COMMIT");
    await client.query("VACUUM ANALYZE enterprises");
    console.log(`setup: ${rows} enterprises in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() pid")).rows[0]!.pid;
  const variants = [
    { label: "bare (rollups deferred)", before: ["SET LOCAL shoudai.rollups = 'deferred'"] },
    { label: "set path (20261130130500)", before: [setPathTrigger()] },
    { label: "fast path", before: [] as string[] },
  ];
  for (let run = 1; run <= runs; run++) {
    for (const v of variants) {
      // Earlier runs' rolled-back rows leave dead index entries every probe would visit.
      await client.query("VACUUM list_memberships, rollup_enterprise_facts, rollup_region_daily, rollup_region_monthly");
      await client.query("BEGIN");
      for (const sql of v.before) await client.query(sql);
      const cpu0 = cpuSeconds(pid);
      const t0 = performance.now();
      // Spread over 30 listing days, as a list issued over a month would be.
      const r = await client.query(
        `INSERT INTO list_memberships (enterprise_id, batch_id, list_type, listed_on)
         SELECT e.id, $1::uuid, 'BANKS_VISIT_ENTERPRISES', date '2026-10-01' + (abs(hashtext(e.uscc)) % 30)
           FROM enterprises e WHERE e.uscc LIKE '94%'`,
        [batch.id],
      );
      const wall = (performance.now() - t0) / 1000;
      const cpu1 = cpuSeconds(pid);
      await client.query("ROLLBACK");
      const cpu = cpu0 !== null && cpu1 !== null ? ` / CPU ${(cpu1 - cpu0).toFixed(1)} s` : "";
      console.log(`run ${run} ${v.label}: ${r.rowCount} memberships, wall ${wall.toFixed(1)} s${cpu}`);
    }
  }
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(`load average after: ${load}`);
  await client.end();
}

main().catch((error) => { console.error(error); process.exit(1); });
