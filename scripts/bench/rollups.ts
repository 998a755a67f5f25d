// npm run bench:rollups [-- --scale 1] [--scale 10] [--iterations 200] [--naive-iterations N]
//
// Times the rollup reads the dashboards make against the naive query over the base tables
// (lib/rollups/naive.ts: GROUP BY over list_memberships, bank_clients, visits, needs, credit
// lines, enterprises), in the same run, on the zhejiang-2020 scenario: p50/p95 of each and the
// ratio. With DATABASE_URL the scenario must already be loaded there (npm run seed:scenario);
// without it, a throw-away embedded PostgreSQL is started and the scenario loaded at each
// --scale given (default 1). Prints figures only: nothing here asserts a time.
import { createPrismaClient, type Db } from "@/lib/db-client";
import { previousYear } from "@/lib/domain/period";
import { naiveSums } from "@/lib/rollups/naive";
import { sumRollups, type RollupFilter, type RollupGroup } from "@/lib/rollups/query";
import { PROGRAMME } from "@/prisma/seed/scenario/targets";
import { startEmbeddedPostgres, tempDataDir, type RunningPostgres } from "../db/embedded";
import { loadScenarioDatabase } from "../db/scenario-db";
import { timeRuns as time } from "./measure";

const argv = process.argv.slice(2);
const scales = argv.flatMap((a, i) => (a === "--scale" ? [Number(argv[i + 1])] : []));
const iterationsAt = argv.indexOf("--iterations");
const ITERATIONS = iterationsAt >= 0 ? Number(argv[iterationsAt + 1]) : 200;
const naiveAt = argv.indexOf("--naive-iterations");
// The naive recount takes seconds at scale 1 and minutes at scale 10: fewer runs there.
const NAIVE_ITERATIONS = naiveAt >= 0 ? Number(argv[naiveAt + 1]) : Math.max(5, Math.round(ITERATIONS / 20));
const NAIVE_WARMUPS = NAIVE_ITERATIONS >= 5 ? 3 : 0;

type Case = { name: string; group: RollupGroup; filter: RollupFilter; totals: boolean };

async function cases(db: Db): Promise<Case[]> {
  // The demo branch (ICBC 桐乡) and a city for the drill-down.
  const branch = await db.branch.findFirst({ where: { bank: { code: "ICBC" }, countyCode: "330483" }, select: { id: true } });
  if (!branch) throw new Error("The zhejiang-2020 scenario is not loaded in this database (npm run seed:scenario).");
  return [
    { name: "province rollup (by city, excl. Ningbo)", group: "city", filter: { cities: "excludeNingbo" }, totals: false },
    { name: "branch dashboard (by manager)", group: "manager", filter: { cities: "all", branchId: branch.id }, totals: false },
    { name: "city drill-down (Jiaxing by county)", group: "county", filter: { cities: "excludeNingbo", cityCode: "330400" }, totals: false },
    { name: "bank drill-down (by bank + distinct total)", group: "bank", filter: { cities: "excludeNingbo" }, totals: true },
  ];
}

async function bench(url: string, label: string): Promise<void> {
  const db = createPrismaClient(url, { max: 4 });
  try {
    const input = { period: PROGRAMME, previous: previousYear(PROGRAMME) };
    const enterprises = await db.enterprise.count();
    console.log(`\n${label}: ${enterprises.toLocaleString("en-US")} enterprises; period ${PROGRAMME.from}..${PROGRAMME.to} with the same period last year`);
    console.log(`  ${"query".padEnd(48)} ${"rollup p50/p95 (ms)".padStart(20)} ${"naive p50/p95 (ms)".padStart(20)} ${"ratio p50 / p95".padStart(16)}`);
    for (const c of await cases(db)) {
      const fast = await time(ITERATIONS, () => Promise.all([
        sumRollups(db, { ...input, group: c.group, filter: c.filter }),
        ...(c.totals ? [sumRollups(db, { ...input, group: "total", filter: c.filter })] : []),
      ]));
      const slow = await time(NAIVE_ITERATIONS, () => Promise.all([
        naiveSums(db, { ...input, group: c.group, filter: c.filter }),
        ...(c.totals ? [naiveSums(db, { ...input, group: "total", filter: c.filter })] : []),
      ]), NAIVE_WARMUPS);
      const f = (x: { p50: number; p95: number }) => `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)}`;
      console.log(`  ${c.name.padEnd(48)} ${f(fast).padStart(20)} ${f(slow).padStart(20)} ${`${(slow.p50 / fast.p50).toFixed(0)}× / ${(slow.p95 / fast.p95).toFixed(0)}×`.padStart(16)}`);
    }
    console.log(`  (rollup: ${ITERATIONS} runs after 3 warm-up runs, naive: ${NAIVE_ITERATIONS} runs after ${NAIVE_WARMUPS}; a pool of 4 connections, queries of one case run concurrently as the page runs them)`);
  } finally {
    await db.$disconnect();
  }
}

async function main(): Promise<void> {
  if (process.env.DATABASE_URL) {
    await bench(process.env.DATABASE_URL, "DATABASE_URL");
    return;
  }
  let cluster: RunningPostgres | null = null;
  try {
    cluster = await startEmbeddedPostgres({ dataDir: tempDataDir("bench"), persistent: false, quiet: true });
    for (const scale of scales.length ? scales : [1]) {
      const name = `bench_${String(scale).replace(".", "_")}`;
      await cluster.createDatabase(name);
      const url = cluster.url(name);
      const seconds = await loadScenarioDatabase(url, scale);
      console.log(`scenario zhejiang-2020 at scale ${scale} loaded in ${seconds.toFixed(1)} s`);
      await bench(url, `scale ${scale}`);
    }
  } finally {
    await cluster?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
