// npm run bench:notice [-- --scale 1] [--runs 5]
//
// Times generating the notice of 2020-05 (监测通报) on the zhejiang-2020 scenario: the figures
// read (one repeatable-read snapshot: rollups by city and bank, coverage at the month's end,
// credit-loan share, median days; lib/notices/figures.ts), then publishing it (the notice, its
// audit row and the notifications; lib/notices/publish.ts), then the same run again (nothing
// to write). With DATABASE_URL the scenario must already be loaded there; without it, a
// throw-away embedded PostgreSQL is started and the scenario loaded at --scale (default 1).
// Prints the year-to-date block the article quotes (new 首贷户 January–May, YoY) and the times.
import { createPrismaClient, type Db } from "@/lib/db-client";
import { startEmbeddedPostgres, tempDataDir, type RunningPostgres } from "../db/embedded";
import { loadScenarioDatabase } from "../db/scenario-db";

const MONTH = "2020-05";
const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const SCALE = arg("--scale", 1);
const RUNS = arg("--runs", 5);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function bench(url: string): Promise<void> {
  // lib/notices/publish.ts reaches lib/db (the app's client) through its imports: point it here.
  process.env.DATABASE_URL = url;
  const { computeNoticeFigures } = await import("@/lib/notices/figures");
  const { publishNotice } = await import("@/lib/notices/publish");
  const db: Db = createPrismaClient(url, { max: 4 });
  try {
    const enterprises = await db.enterprise.count();
    console.log(`${enterprises.toLocaleString("en-US")} enterprises; notice of ${MONTH}`);
    const samples: number[] = [];
    let last = null as Awaited<ReturnType<typeof computeNoticeFigures>> | null;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      last = await computeNoticeFigures(MONTH, db);
      samples.push(performance.now() - started);
    }
    const cold = samples[0]!;
    samples.sort((a, b) => a - b);
    const ytd = last!.figures.funnel.excludingNingbo.ytd;
    console.log(`  YTD (excl. Ningbo) ${last!.figures.periods.ytd.from}..${last!.figures.periods.ytd.to}: new 首贷户 ${ytd.current.firstLoans.toLocaleString("en-US")} vs ${ytd.previous.firstLoans.toLocaleString("en-US")} a year earlier, YoY ${ytd.yoy.firstLoans}%`);
    console.log(`  banks ranked ${last!.figures.rankings.banks.length}, cities ${last!.figures.rankings.cities.length}, flags ${last!.figures.flags.length}, rollup version ${last!.rollupVersionText}`);
    console.log(`  figures: first (cold) ${seconds(cold)}; ${RUNS} runs min ${seconds(samples[0]!)} / median ${seconds(samples[Math.floor(samples.length / 2)]!)} / max ${seconds(samples.at(-1)!)}`);

    const existing = await db.notice.findUnique({ where: { month: MONTH }, select: { id: true } });
    let started = performance.now();
    const first = await publishNotice(MONTH, { trigger: "ON_DEMAND" }, db);
    console.log(`  generate ${MONTH} (figures + ${first.outcome}${existing ? ", already there" : ""}, ${first.rowsTouched} rows): ${seconds(performance.now() - started)}`);
    started = performance.now();
    const again = await publishNotice(MONTH, { trigger: "ON_DEMAND" }, db);
    console.log(`  generate ${MONTH} again (${again.outcome}, ${again.rowsTouched} rows): ${seconds(performance.now() - started)}`);
  } finally {
    await db.$disconnect();
  }
}

async function main(): Promise<void> {
  if (process.env.DATABASE_URL) {
    await bench(process.env.DATABASE_URL);
    return;
  }
  let cluster: RunningPostgres | null = null;
  try {
    cluster = await startEmbeddedPostgres({ dataDir: tempDataDir("bench-notice"), persistent: false, quiet: true });
    const name = `bench_notice_${String(SCALE).replace(".", "_")}`;
    await cluster.createDatabase(name);
    const url = cluster.url(name);
    const seconds = await loadScenarioDatabase(url, SCALE);
    console.log(`scenario zhejiang-2020 at scale ${SCALE} loaded in ${seconds.toFixed(1)} s`);
    await bench(url);
  } finally {
    await cluster?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
