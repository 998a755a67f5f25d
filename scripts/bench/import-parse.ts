// Micro benchmark of the import's pure side: read + check a 530,000-row list as CSV (UTF-8
// and GB18030) and as .xlsx (written like Excel, with shared strings), each measured in a
// child process so its peak RSS is its own. Run by hand:
//   npx tsx scripts/bench/import-parse.ts [--rows 530000] [--compare] [--csv-only] [--keep]
// --compare also times csv-parse and exceljs's streaming WorkbookReader on the same files;
// --csv-only skips the (slow to generate) workbook, e.g. to show memory stays flat at 2M rows.
//
// Measured 2026-11-30 on the shared 2-core machine (load 7–14 from other sessions, so wall
// time is 2–4x CPU time; CPU time is the one-core figure), 530,000 rows, read + check:
//   CSV UTF-8 (53 MiB)     cpu 1.0–1.4 s = 380–520k rows/s   peak RSS 176–224 MiB
//   CSV GB18030 (44 MiB)   cpu 1.4 s     = 370k rows/s       peak RSS 208–232 MiB
//   XLSX (36 MiB)          cpu 1.8–2.2 s = 240–290k rows/s   peak RSS 222–248 MiB
// read only, for comparison: csv-parse 3.8–4.0 s cpu (134–140k rows/s); exceljs's
// WorkbookReader 9.0–14.7 s cpu (36–59k rows/s), peak RSS 280–669 MiB; saxes alone over the
// inflated sheet (no shared strings, no values) 3.5 s cpu. At 2,000,000 CSV rows peak RSS stays
// at 218–231 MiB (about 110 MiB of it is Node + tsx).
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { COUNTIES } from "@/lib/domain/regions";
import { INDUSTRIES } from "@/lib/domain/industries";
import { makeUscc } from "@/lib/domain/uscc";
import { makeRowChecker, type BankRef } from "@/lib/import/check-row";
import { mapHeader } from "@/lib/import/fields";
import { readRowsFromFile, type FileFormat, type ReadInfo } from "@/lib/import/read-rows";

const BANKS: BankRef[] = [
  { id: "00000000-0000-0000-0000-000000000001", code: "ICBC", name: "工商银行", nameEn: "ICBC" },
  { id: "00000000-0000-0000-0000-000000000002", code: "ZJRCB", name: "浙江农商银行", nameEn: "Zhejiang Rural Commercial Bank" },
  { id: "00000000-0000-0000-0000-000000000003", code: "HZB", name: "杭州银行", nameEn: "Bank of Hangzhou" },
];
const HEADER = ["统一社会信用代码", "企业名称", "所属区县", "行业", "主体类型", "法定代表人", "联系电话", "对接银行"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚";
const WORDS = ["恒达", "宏发", "鑫源", "永盛", "华丰", "金诚", "瑞祥", "新城", "东方", "天成", "富民", "顺通"];
const TRADES = ["五金", "丝绸", "纺织", "电子", "机械", "服饰", "食品", "包装", "塑业", "贸易"];
const SUFFIX = ["有限公司", "厂", "商行", "经营部", "专业合作社"];

/** Deterministic rows like a real list: ~1 % bad codes, ~0.5 % bad phones, counties by code or name. */
function* generate(rows: number): Generator<string[]> {
  // mulberry32: small, deterministic, and its low bits are usable (an LCG's are not).
  let seed = 20201001;
  const rand = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
  for (let i = 0; i < rows; i++) {
    const county = COUNTIES[rand(COUNTIES.length)]!;
    let uscc = makeUscc({ kind: rand(10) < 7 ? "ENTERPRISE" : "INDIVIDUAL_BUSINESS", divisionCode: county.code, orgSeq: 1_000_000 + i });
    if (rand(100) === 0) uscc = uscc.slice(0, 17) + (uscc[17] === "0" ? "1" : "0");
    const name = `${county.shortName}${WORDS[rand(WORDS.length)]}${TRADES[rand(TRADES.length)]}${SUFFIX[rand(SUFFIX.length)]}${i}`;
    const countyCell = rand(3) === 0 ? county.name : county.code;
    const phone = rand(200) === 0 ? "12345" : `13${rand(10)}${String(10_000_000 + rand(90_000_000))}`;
    yield [
      uscc,
      name,
      countyCell,
      INDUSTRIES[rand(INDUSTRIES.length)]!.code,
      "企业",
      SURNAMES[rand(SURNAMES.length)]! + GIVEN[rand(GIVEN.length)]!,
      phone,
      BANKS[rand(BANKS.length)]!.name,
    ];
  }
}

function csvLine(cells: string[]): string {
  return cells.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",") + "\r\n";
}

async function writeCsv(path: string, rows: number, encoding: "utf-8" | "gb18030"): Promise<void> {
  const out = createWriteStream(path);
  const encode = (s: string) => (encoding === "utf-8" ? Buffer.from(s) : iconv.encode(s, "gb18030"));
  let buf = csvLine(HEADER);
  for (const row of generate(rows)) {
    buf += csvLine(row);
    if (buf.length > 1 << 16) {
      if (!out.write(encode(buf))) await once(out, "drain");
      buf = "";
    }
  }
  out.end(encode(buf));
  await once(out, "finish");
}

async function writeXlsx(path: string, rows: number): Promise<void> {
  // Excel keeps every text in the shared strings table; so does this writer.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet("名单");
  ws.addRow(HEADER).commit();
  for (const row of generate(rows)) {
    // A county code and a phone typed into Excel become numbers.
    ws.addRow(row.map((v, i) => ((i === 2 || i === 6) && /^\d+$/.test(v) ? Number(v) : v))).commit();
  }
  ws.commit();
  await wb.commit();
}

type Result = { rows: number; accepted: number; rejected: number; seconds: number; cpuSeconds: number; maxRssMiB: number };

/** Child process: read + check one file, print a JSON result. */
async function measure(path: string, format: FileFormat, engine: string): Promise<void> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let rows = 0;
  let accepted = 0;
  if (engine === "ours") {
    const info: ReadInfo = { encoding: null };
    let check: ReturnType<typeof makeRowChecker> | null = null;
    for await (const chunk of readRowsFromFile(path, format, info)) {
      let i = 0;
      if (!check) {
        check = makeRowChecker({ columns: mapHeader(chunk[0]!.cells).columns, banks: BANKS });
        i = 1;
      }
      for (; i < chunk.length; i++) {
        rows++;
        if (!check(chunk[i]!).isRejected) accepted++;
      }
    }
  } else if (engine === "csv-parse") {
    const { parse } = await import("csv-parse");
    const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true, info: true }));
    for await (const _ of parser) rows++;
    rows--;
  } else if (engine === "exceljs") {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: "cache", worksheets: "emit", hyperlinks: "ignore", styles: "ignore", entries: "ignore" });
    for await (const sheet of reader) {
      for await (const _ of sheet as AsyncIterable<unknown>) rows++;
      break;
    }
    rows--;
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const result: Result = { rows, accepted, rejected: rows - accepted, seconds, cpuSeconds, maxRssMiB: peakRssMiB() };
  console.log(JSON.stringify(result));
}

/**
 * Peak RSS of this process image. Not resourceUsage().maxRSS: Linux carries the parent's
 * high-water mark into a spawned child, so every child would report the generator's peak.
 */
function peakRssMiB(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

function runChild(path: string, format: FileFormat, engine: string): Result {
  const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--measure", path, format, engine], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as Result;
}

function report(label: string, file: string, r: Result): void {
  const mb = statSync(file).size / 1024 / 1024;
  console.log(
    `${label.padEnd(24)} ${mb.toFixed(1).padStart(6)} MiB ${r.rows.toLocaleString("en").padStart(9)} rows  ` +
      `wall ${r.seconds.toFixed(2).padStart(6)} s = ${Math.round(r.rows / r.seconds).toLocaleString("en").padStart(9)} rows/s  ` +
      `cpu ${r.cpuSeconds.toFixed(2).padStart(6)} s = ${Math.round(r.rows / r.cpuSeconds).toLocaleString("en").padStart(9)} rows/s  ` +
      `peak RSS ${r.maxRssMiB.toFixed(0)} MiB` +
      (r.accepted ? `  (accepted ${r.accepted.toLocaleString("en")}, rejected ${r.rejected.toLocaleString("en")})` : ""),
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--measure") return measure(args[1]!, args[2] as FileFormat, args[3]!);
  const rowsArg = args.indexOf("--rows");
  const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 530_000;
  const compare = args.includes("--compare");
  const dir = await mkdtemp(join(tmpdir(), "bench-import-"));
  try {
    const utf8 = join(dir, "list.csv");
    const gbk = join(dir, "list-gbk.csv");
    const xlsx = join(dir, "list.xlsx");
    let t = performance.now();
    await writeCsv(utf8, rows, "utf-8");
    await writeCsv(gbk, rows, "gb18030");
    console.log(`generated CSV (UTF-8, GB18030) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const withXlsx = !args.includes("--csv-only");
    if (withXlsx) {
      t = performance.now();
      await writeXlsx(xlsx, rows);
      console.log(`generated XLSX with exceljs's streaming writer in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    // CPU time (user + system) is the fairer figure on a shared machine: wall time also
    // counts the time other processes had the cores. Both include GC and the worker threads
    // of zlib/fs, so cpu can exceed wall.
    console.log(`read + check, one process each (2 shared cores: figures are noisy; load ${os.loadavg()[0]!.toFixed(1)})`);
    report("CSV UTF-8", utf8, runChild(utf8, "csv", "ours"));
    report("CSV GB18030", gbk, runChild(gbk, "csv", "ours"));
    if (withXlsx) report("XLSX", xlsx, runChild(xlsx, "xlsx", "ours"));
    if (compare) {
      console.log(`for comparison, read only`);
      report("csv-parse (UTF-8)", utf8, runChild(utf8, "csv", "csv-parse"));
      if (withXlsx) report("exceljs WorkbookReader", xlsx, runChild(xlsx, "xlsx", "exceljs"));
    }
    if (args.includes("--keep")) console.log(`files kept in ${dir}`);
  } finally {
    if (!args.includes("--keep")) await rm(dir, { recursive: true, force: true });
  }
}

await main();
