// npm run seed:scenario -- zhejiang-2020 [--scale 10] [--reset]
//
// Builds the article's province (prisma/seed/scenario/) into DATABASE_URL, or into the local
// development database (the embedded cluster under .data/, as `npm run dev` uses) when
// DATABASE_URL is unset. The database must be empty of programme data; --reset drops and
// recreates it first (local databases only). Prints the load time and the figures the
// regulator's rollups now show for the article's periods.
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db-client";
import { demoPasswordHash } from "@/prisma/seed/factories";
import { loadScenario } from "@/prisma/seed/scenario/zhejiang-2020";
import { articleFigures } from "@/prisma/seed/scenario/verify";
import { FIRST_LOAN_WINDOW, FIRST_LOAN_WINDOW_LAST_YEAR, PROGRAMME, scenarioTargets } from "@/prisma/seed/scenario/targets";
import { yoyPercent } from "@/lib/domain/rollup";
import { DEV_PG } from "./db/dev-db";
import { startEmbeddedPostgres, type RunningPostgres } from "./db/embedded";
import { prepareDatabase } from "./db/prepare";
import { PROJECT_ROOT } from "./db/schema-engine";

const SCENARIOS = ["zhejiang-2020"];

function parseArgs(argv: string[]) {
  const name = argv.find((a) => !a.startsWith("--"));
  const scaleAt = argv.indexOf("--scale");
  const scale = scaleAt >= 0 ? Number(argv[scaleAt + 1]) : 1;
  return { name, scale, reset: argv.includes("--reset") };
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

async function recreate(url: string): Promise<void> {
  const target = new URL(url);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(target.hostname)) {
    throw new Error(`--reset only drops local databases, not ${target.hostname}`);
  }
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, "")}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.name || !SCENARIOS.includes(args.name)) {
    console.error(`Usage: npm run seed:scenario -- <${SCENARIOS.join("|")}> [--scale N] [--reset]`);
    process.exit(2);
  }
  const targets = scenarioTargets(args.scale);

  let embedded: RunningPostgres | null = null;
  let url = process.env.DATABASE_URL;
  if (!url && (await isListening(DEV_PG.port))) {
    // `npm run dev` is running: load into its cluster (the dev server then shows the scenario).
    url = `postgresql://shoudai:shoudai@127.0.0.1:${DEV_PG.port}/${DEV_PG.database}`;
    console.log(`dev database ${DEV_PG.database} on 127.0.0.1:${DEV_PG.port} (cluster already running)`);
  } else if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve(PROJECT_ROOT, DEV_PG.dataDir), port: DEV_PG.port, persistent: true });
    await embedded.createDatabase(DEV_PG.database);
    url = embedded.url(DEV_PG.database);
    console.log(`dev database ${DEV_PG.database} on 127.0.0.1:${DEV_PG.port}`);
  }
  try {
    if (args.reset) await recreate(url);
    await prepareDatabase(url, { seed: false });
    const client = new pg.Client({ connectionString: url, application_name: "shoudai-scenario" });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM banks");
      if (rows[0]!.n > 0) {
        console.error("The database already has programme data. Use --reset to drop and recreate it (local only).");
        process.exitCode = 1;
        return;
      }
      const started = Date.now();
      const report = await loadScenario(client, args.scale, await demoPasswordHash());
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${args.name} at scale ${args.scale}: loaded in ${seconds} s (plan ${(report.planMs / 1000).toFixed(1)} s, COPY ${(report.copyMs / 1000).toFixed(1)} s, rollup rebuild ${(report.rebuildMs / 1000).toFixed(1)} s)`);
      console.log(Object.entries(report.rows).map(([t, n]) => `  ${t}: ${n.toLocaleString("en-US")} rows in ${((report.tableMs[t] ?? 0) / 1000).toFixed(1)} s`).join("\n"));
      console.log(`  indexes and foreign keys rebuilt in ${(report.restoreMs / 1000).toFixed(1)} s`);
    } finally {
      await client.end();
    }

    const db = createPrismaClient(url, { max: 2 });
    try {
      const excl = await articleFigures(db, "excludeNingbo");
      const incl = await articleFigures(db, "all");
      const t = targets.province;
      console.log(`\nZhejiang excluding Ningbo, ${PROGRAMME.from}..${PROGRAMME.to} (target in brackets):`);
      console.log(`  listed ${excl.programme.listed} [${t.listed}]  needs ${excl.programme.needs} [${t.needs}]  visited on site ${excl.programme.visited} [${t.visited}]  credited ${excl.programme.credited} [${t.credited}]`);
      console.log(`  credit amount ${excl.programme.creditAmount} 元 [${(Number(t.creditAmountCents / 100n)).toLocaleString("en-US")}.${String(t.creditAmountCents % 100n).padStart(2, "0")}]`);
      console.log(`  new 首贷户 ${FIRST_LOAN_WINDOW.from}..${FIRST_LOAN_WINDOW.to}: ${excl.window.firstLoans} [${t.firstLoans2020}] vs ${FIRST_LOAN_WINDOW_LAST_YEAR.from}..${FIRST_LOAN_WINDOW_LAST_YEAR.to}: ${excl.windowLastYear.firstLoans} [${t.firstLoans2019}], YoY ${yoyPercent(excl.window.firstLoans, excl.windowLastYear.firstLoans)}%`);
      console.log(`Including Ningbo: listed ${incl.programme.listed}, credited ${incl.programme.credited}, credit amount ${incl.programme.creditAmount} 元, new 首贷户 ${incl.window.firstLoans} vs ${incl.windowLastYear.firstLoans}`);
      const exact = excl.programme.listed === t.listed && excl.programme.needs === t.needs && excl.programme.visited === t.visited &&
        excl.programme.credited === t.credited && excl.programme.creditAmount === `${t.creditAmountCents / 100n}.${String(t.creditAmountCents % 100n).padStart(2, "0")}` &&
        excl.window.firstLoans === t.firstLoans2020 && excl.windowLastYear.firstLoans === t.firstLoans2019;
      console.log(exact ? "All article figures match exactly." : "MISMATCH: the figures above differ from the targets.");
      if (!exact) process.exitCode = 1;
    } finally {
      await db.$disconnect();
    }
  } finally {
    if (embedded) await embedded.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
