// DATABASE_URL=… npx tsx --conditions=react-server scripts/bench/publish.ts [--rows 530000] [--runs 2]
//
// Times applyBatchToPools (lib/commands/publish-batch.ts) on a province-sized regulator batch
// built with generate_series: N new enterprises over every county, listed, half of the rows
// with a 对接银行 in the file, half left to county rules (three banks at 50/30/20). Each run is
// rolled back, so the run can be repeated. Use a throw-away database: the setup commits.
import { createPrismaClient } from "@/lib/db-client";
import { COUNTIES } from "@/lib/domain/regions";
import { applyBatchToPools } from "@/lib/commands/publish-batch";

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is required (a throw-away database)");
  const rows = arg("--rows", 530_000);
  const runs = arg("--runs", 2);
  const db = createPrismaClient(url, { max: 2 });
  const name = `bench-publish-${rows}`;
  let batch = await db.listBatch.findFirst({ where: { name }, select: { id: true } });
  if (!batch) {
    const t0 = performance.now();
    batch = await db.$transaction(async (tx) => {
      for (let b = 1; b <= 5; b++) {
        await tx.bank.upsert({ where: { code: `BENCH-${b}` }, update: {}, create: { code: `BENCH-${b}`, name: `压测银行${b}`, nameEn: `Bench ${b}` } });
      }
      const created = await tx.listBatch.create({
        data: { listType: "BANKS_VISIT_ENTERPRISES", name, issuedOn: new Date("2026-11-01T00:00:00Z"), status: "DONE", rowCount: rows },
        select: { id: true },
      });
      const counties = COUNTIES.map((c) => c.code);
      // Bulk load: the rollups are rebuilt once at the end instead of per row.
      await tx.$executeRaw`SELECT set_config('shoudai.rollups', 'deferred', true)`;
      await tx.$executeRaw`
        INSERT INTO enterprises (uscc, name, kind, county_code, city_code, industry)
        SELECT '93' || lpad(i::text, 16, '0'), '压测企业' || i, 'ENTERPRISE',
               (${counties}::text[])[1 + i % ${counties.length}], left((${counties}::text[])[1 + i % ${counties.length}], 4) || '00', 'C'
          FROM generate_series(1, ${rows}) i
        ON CONFLICT (uscc) DO NOTHING`;
      await tx.$executeRaw`
        INSERT INTO list_memberships (enterprise_id, batch_id, list_type, listed_on)
        SELECT e.id, ${created.id}::uuid, 'BANKS_VISIT_ENTERPRISES', '2026-11-01'
          FROM enterprises e WHERE e.uscc LIKE '93%'`;
      await tx.$executeRaw`
        INSERT INTO list_batch_rows (batch_id, line_no, uscc, name, county_code, city_code, bank_id, enterprise_id)
        SELECT ${created.id}::uuid, row_number() OVER (ORDER BY e.uscc) + 1, e.uscc, e.name, e.county_code, e.city_code,
               CASE WHEN substr(e.uscc, 18, 1)::int % 2 = 0 THEN (SELECT id FROM banks WHERE code = 'BENCH-' || (1 + substr(e.uscc, 17, 1)::int % 5)) END,
               e.id
          FROM enterprises e WHERE e.uscc LIKE '93%'`;
      await tx.$executeRaw`DELETE FROM allocation_rules WHERE bank_id IN (SELECT id FROM banks WHERE code LIKE 'BENCH-%')`;
      await tx.$executeRaw`
        INSERT INTO allocation_rules (county_code, bank_id, share)
        SELECT c, b.id, CASE b.code WHEN 'BENCH-1' THEN 50 WHEN 'BENCH-2' THEN 30 ELSE 20 END
          FROM unnest(${counties}::text[]) c CROSS JOIN banks b WHERE b.code IN ('BENCH-1', 'BENCH-2', 'BENCH-3')
        ON CONFLICT DO NOTHING`;
      await tx.$executeRaw`SELECT rollup_rebuild()`;
      return created;
    }, { timeout: 3_600_000, maxWait: 60_000 });
    await db.$executeRawUnsafe("VACUUM ANALYZE");
    console.log(`setup: ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  for (let run = 1; run <= runs; run++) {
    const t0 = performance.now();
    let result: unknown;
    await db.$transaction(async (tx) => {
      // --defer-rollups: the statements' own cost, without the rollup triggers (diagnosis only).
      if (process.argv.includes("--defer-rollups")) await tx.$executeRaw`SELECT set_config('shoudai.rollups', 'deferred', true)`;
      const steps: string[] = [];
      result = await applyBatchToPools(tx, batch.id, null, (name, ms) => steps.push(`${name} ${(ms / 1000).toFixed(2)} s`));
      console.log(`steps: ${steps.join(", ")}`);
      const ms = performance.now() - t0;
      console.log(`run ${run}: applyBatchToPools ${(ms / 1000).toFixed(2)} s`, result);
      throw new RollBack();
    }, { timeout: 3_600_000, maxWait: 60_000 }).catch((e) => { if (!(e instanceof RollBack)) throw e; });
  }
  await db.$disconnect();
}

class RollBack extends Error {}

main().catch((error) => { console.error(error); process.exit(1); });
