// npm run bench:import [-- --rows 530000] [--known 20000] [--no-xlsx]
//
// The province-scale list import, measured end to end through the real job, beside a bare
// COPY of the same file:
//   1. a throw-away embedded PostgreSQL (or DATABASE_URL's server: a fresh database on it),
//      migrated, with `--known` enterprises already in the registry;
//   2. a generated list of `--rows` rows (prisma/seed/list-file.ts: every 199th row has a bad
//      check character, every 251st repeats the row before, every 23rd is a known enterprise)
//      written as CSV (UTF-8 with BOM, as Excel saves it) and as XLSX (shared strings, as
//      Excel writes them);
//   3. the bare COPY: PostgreSQL's own CSV parser loading the same file (a) into a table of
//      the file's columns (text, no key), (b) into the same table with the registry's keys
//      (uuid primary key drawn by the database, unique USCC), (c) into a table equivalent to
//      the registry the import writes: `CREATE TABLE … (LIKE enterprises INCLUDING ALL)` — the
//      same columns, defaults, NOT NULLs, CHECKs and all four of its indexes — plus its two
//      foreign keys to regions; only the file's own words differ: kind and industry are text
//      (the file says 企业/制造业, the import maps them to the enum and the section letter) and
//      the city is a generated column from the county (the import derives it too). (b) and (c)
//      load the file without its repeated rows (their unique USCC refuses them, as the import
//      skips them). No triggers: the registry's insert trigger fires only for a first loan;
//   4. the import: upload (streamed into PostgreSQL), then a worker process (scripts/worker.ts,
//      the one `npm start` runs) takes the job; import time is the batch's started_at →
//      finished_at, the worker's peak RSS is its VmHWM; then the same CSV again (adds nothing);
//   5. the same for the XLSX file (a fresh list type, so it adds its memberships again).
// Prints figures only.
import { spawn, type ChildProcess } from "node:child_process";
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import ExcelJS from "exceljs";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { startEmbeddedPostgres, tempDataDir, type RunningPostgres } from "../db/embedded";
import { prepareDatabase } from "../db/prepare";
import { LIST_HEADER, listCsv, listRows, expectedOutcome, type ListFileSpec } from "@/prisma/seed/list-file";

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const ROWS = option("rows", 530_000);
const KNOWN = option("known", 20_000);
const WITH_XLSX = !argv.includes("--no-xlsx");

const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mib = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MiB`;

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, (performance.now() - start) / 1000];
}

let embedded: RunningPostgres | null = null;
let serverUrl: URL;
if (process.env.DATABASE_URL) {
  serverUrl = new URL(process.env.DATABASE_URL);
  serverUrl.pathname = "/postgres";
} else {
  embedded = await startEmbeddedPostgres({ dataDir: tempDataDir("bench-import"), persistent: false, quiet: true });
  serverUrl = new URL(embedded.url("postgres"));
}
const dbName = `shoudai_bench_import_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl.toString() });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}"`);
await admin.end();
const url = new URL(serverUrl.toString());
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();
process.env.DATABASE_URL = databaseUrl;

const dir = await mkdtemp(path.join(os.tmpdir(), "shoudai-bench-import-"));
const workers: ChildProcess[] = [];
try {
  console.log(`database ${dbName} (${embedded ? "throw-away embedded PostgreSQL" : serverUrl.host}), load average ${os.loadavg().map((l) => fmt(l, 2)).join(" ")}`);
  await prepareDatabase(databaseUrl, { seed: true });
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => {}); // dropped with the database at the end
  await client.connect();

  // Known enterprises: in the registry before the list arrives.
  const seqBase = 2_000_000_000;
  const knownSpec: ListFileSpec = { rows: KNOWN, seqBase: seqBase + 10_000_000, counties: ["330483", "330106", "330782"] };
  const known = [...listRows(knownSpec)].map((r) => r[0]!);
  await client.query(
    `INSERT INTO enterprises (uscc, name, kind, county_code, city_code, industry)
     SELECT u, '已知企业' || i, 'ENTERPRISE', '330483', '330400', 'C' FROM unnest($1::text[]) WITH ORDINALITY AS t(u, i)`,
    [known],
  );
  const spec: ListFileSpec = { rows: ROWS, seqBase, invalidEvery: 199, duplicateEvery: 251, known, knownEvery: 23 };
  const knownSet = new Set(known);
  const expected = expectedOutcome(spec, (u) => knownSet.has(u));

  // The files.
  const csvPath = path.join(dir, "list.csv");
  const [, csvWrite] = await time(async () => {
    const out = createWriteStream(csvPath);
    for (const text of listCsv(spec)) if (!out.write(text)) await once(out, "drain");
    out.end();
    await once(out, "finish");
  });
  const csvSize = statSync(csvPath).size;
  console.log(`\nlist: ${fmt(ROWS, 0)} rows (${fmt(expected.rejected, 0)} to reject, ${fmt(expected.known, 0)} known, ${fmt(expected.newEnterprises, 0)} new)`);
  console.log(`  CSV  ${mib(csvSize)} written in ${fmt(csvWrite)} s`);
  let xlsxPath = "";
  if (WITH_XLSX) {
    xlsxPath = path.join(dir, "list.xlsx");
    const [, xlsxWrite] = await time(async () => {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxPath, useSharedStrings: true, useStyles: false });
      const ws = wb.addWorksheet("名单");
      ws.addRow(LIST_HEADER).commit();
      for (const row of listRows(spec)) ws.addRow(row).commit();
      ws.commit();
      await wb.commit();
    });
    console.log(`  XLSX ${mib(statSync(xlsxPath).size)} written in ${fmt(xlsxWrite)} s (shared strings)`);
  }

  // Bare COPY baselines.
  const EQUIVALENT = "bench_copy_registry";
  const bareCopy = async (table: string, create: string[], columns: string, file: string): Promise<number> => {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    for (const sql of create) await client.query(sql);
    const [, seconds] = await time(async () => {
      const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN WITH (FORMAT csv, HEADER true)`));
      await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), stream);
    });
    return seconds;
  };
  const fileColumns = "uscc, name, county, industry, kind, legal_rep, phone";
  const plainCopy = await bareCopy("bench_copy_plain",
    ["CREATE TABLE bench_copy_plain (uscc text, name text, county text, industry text, kind text, legal_rep text, phone text)"],
    fileColumns, csvPath);
  // A copy of the file without the repeated rows for the keyed tables.
  const dedupPath = path.join(dir, "list-unique.csv");
  let uniqueRows = 0;
  {
    const out = createWriteStream(dedupPath);
    const seen = new Set<string>();
    const text = await readFile(csvPath, "utf8");
    let header = true;
    for (const line of text.split("\r\n")) {
      if (!line) continue;
      const uscc = line.slice(0, line.indexOf(","));
      if (seen.has(uscc)) continue;
      seen.add(uscc);
      if (!header) uniqueRows += 1;
      header = false;
      if (!out.write(`${line}\r\n`)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
  }
  const keyedCopy = await bareCopy("bench_copy_keyed",
    ["CREATE TABLE bench_copy_keyed (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), uscc text UNIQUE, name text, county text, industry text, kind text, legal_rep text, phone text)"],
    fileColumns, dedupPath);
  const equivalentCopy = await bareCopy(EQUIVALENT, [
    `CREATE TABLE ${EQUIVALENT} (LIKE enterprises INCLUDING ALL)`,
    `ALTER TABLE ${EQUIVALENT} ALTER COLUMN kind TYPE text, ALTER COLUMN industry TYPE text, DROP CONSTRAINT IF EXISTS enterprises_industry_section`,
    `ALTER TABLE ${EQUIVALENT} DROP COLUMN city_code`,
    `ALTER TABLE ${EQUIVALENT} ADD COLUMN city_code varchar(6) NOT NULL GENERATED ALWAYS AS (left(county_code, 4) || '00') STORED`,
    `CREATE INDEX ON ${EQUIVALENT} (city_code, county_code)`,
    `ALTER TABLE ${EQUIVALENT} ADD FOREIGN KEY (county_code) REFERENCES regions(code), ADD FOREIGN KEY (city_code) REFERENCES regions(code)`,
  ], "uscc, name, county_code, industry, kind, legal_rep_name, legal_rep_phone", dedupPath);
  // What the equivalent table is, from the catalog (so the output says it, not this comment).
  const shape = await client.query<{ what: string }>(
    `SELECT 'index ' || pg_get_indexdef(indexrelid) AS what FROM pg_index WHERE indrelid = $1::regclass
     UNION ALL SELECT 'constraint ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('f', 'c')
     ORDER BY 1`,
    [EQUIVALENT],
  );
  const loaded = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${EQUIVALENT}`);
  console.log(`\nbare COPY (PostgreSQL's CSV parser, same file)`);
  console.log(`  (a) into the file's columns (7 text columns, no key)      ${fmt(plainCopy, 2)} s  (${fmt(ROWS / plainCopy, 0)} rows/s)`);
  console.log(`  (b) the same + uuid primary key, unique USCC               ${fmt(keyedCopy, 2)} s  (${fmt(uniqueRows / keyedCopy, 0)} rows/s, ${fmt(uniqueRows, 0)} rows without the file's repeats)`);
  console.log(`  (c) an equivalent table: LIKE enterprises INCLUDING ALL   ${fmt(equivalentCopy, 2)} s  (${fmt(loaded.rows[0]!.n / equivalentCopy, 0)} rows/s, ${fmt(loaded.rows[0]!.n, 0)} rows)`);
  console.log(`      + its two foreign keys to regions; kind and industry as text, city generated from the county:`);
  for (const r of shape.rows) console.log(`      ${r.what.replaceAll(EQUIVALENT, "t")}`);
  await client.query(`DROP TABLE bench_copy_plain; DROP TABLE bench_copy_keyed; DROP TABLE ${EQUIVALENT}`);
  await client.query("VACUUM ANALYZE");

  const regulator = await client.query<{ id: string }>("SELECT id FROM users WHERE role = 'REGULATOR' ORDER BY email LIMIT 1");
  const regulatorId = regulator.rows[0]!.id;

  const startWorker = () => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", process.env.IMPORT_TIMINGS === "1" ? "inherit" : "ignore", "inherit"],
    });
    workers.push(child);
    return child;
  };
  const peakRss = async (pid: number): Promise<number> => {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb * 1024;
  };

  const { createListImport } = await import("@/lib/commands/create-list-import");
  const { loadActor } = await import("@/lib/auth/actor");
  const { db } = await import("@/lib/db");
  const actor = await loadActor(db, regulatorId);

  const importFile = async (file: string, fileName: string, listType: string, label: string) => {
    const worker = startWorker();
    await new Promise((r) => setTimeout(r, 3000)); // let it start
    const [{ batchId }, uploadSeconds] = await time(() =>
      createListImport(actor, async (onFile) => {
        await onFile({ fileName, stream: createReadStream(file, { highWaterMark: 1 << 20 }) });
        return { listType, name: `${label} ${new Date().toISOString()}` };
      }),
    );
    let batch: Record<string, unknown> | undefined;
    for (;;) {
      const { rows } = await client.query(
        `SELECT status, rows_read, accepted, rejected, warnings, new_enterprises, known_enterprises, memberships_added, attempts,
                extract(epoch FROM finished_at - started_at)::float AS seconds FROM list_batches WHERE id = $1`,
        [batchId],
      );
      batch = rows[0];
      if (batch && !["QUEUED", "RUNNING"].includes(String(batch.status))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const rss = await peakRss(worker.pid!);
    worker.kill("SIGTERM");
    await once(worker, "exit");
    return { batch: batch!, uploadSeconds, rss };
  };

  const report = (label: string, r: Awaited<ReturnType<typeof importFile>>, floors: [string, number][]) => {
    const b = r.batch as { status: string; rows_read: number; rejected: number; new_enterprises: number; known_enterprises: number; memberships_added: number; warnings: number; seconds: number; attempts: number };
    console.log(`\n${label} (load average ${os.loadavg().map((l) => fmt(l, 2)).join(" ")}): ${b.status}, upload ${fmt(r.uploadSeconds, 2)} s, import ${fmt(b.seconds, 2)} s (${fmt(b.rows_read / b.seconds, 0)} rows/s), worker peak RSS ${mib(r.rss)}`);
    console.log(`  rows ${fmt(b.rows_read, 0)}, rejected ${fmt(b.rejected, 0)}, new ${fmt(b.new_enterprises, 0)}, known ${fmt(b.known_enterprises, 0)}, memberships added ${fmt(b.memberships_added, 0)}, warnings ${fmt(b.warnings, 0)}, attempts ${b.attempts}`);
    for (const [name, floor] of floors) console.log(`  ${fmt(b.seconds / floor, 2)}× the bare COPY ${name} (${fmt(floor, 2)} s)`);
  };

  const csv = await importFile(csvPath, "list.csv", "BANKS_VISIT_ENTERPRISES", "bench CSV");
  const floors: [string, number][] = [["(a) into the file's columns", plainCopy], ["(b) with the registry's keys", keyedCopy], ["(c) into an equivalent table", equivalentCopy]];
  report("CSV import (new list)", csv, floors);
  const b = csv.batch as { rejected: number; new_enterprises: number; known_enterprises: number };
  const exact = b.rejected === expected.rejected && b.new_enterprises === expected.newEnterprises && b.known_enterprises === expected.known;
  console.log(`  counts ${exact ? "equal" : "DIFFER FROM"} the expected outcome (rejected ${expected.rejected}, new ${expected.newEnterprises}, known ${expected.known})`);

  const again = await importFile(csvPath, "list.csv", "BANKS_VISIT_ENTERPRISES", "bench CSV again");
  report("the same CSV again (adds nothing)", again, floors);

  if (WITH_XLSX) {
    const xlsx = await importFile(xlsxPath, "list.xlsx", "SME_PARK", "bench XLSX");
    report("XLSX import (another list, same enterprises)", xlsx, floors);
  }
  await client.end();
  await db.$disconnect();
} catch (error) {
  console.error("bench:import failed", error);
  process.exitCode = 1;
} finally {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
  await rm(dir, { recursive: true, force: true });
  const cleanup = new pg.Client({ connectionString: serverUrl.toString() });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
  await cleanup.end();
  if (embedded) await embedded.stop().catch(() => {});
}
process.exit(process.exitCode ?? 0);
