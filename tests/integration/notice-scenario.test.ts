// The notice of 2020-05 on the zhejiang-2020 scenario shows the article's year-to-date figure:
// new 首贷户 January–May 2020 against January–May 2019 (at scale 1: 40,000, +39.5 %), in the
// "excluding Ningbo" block, as the article counts. Loaded at a test scale in a database of its
// own, as tests/integration/scenario.test.ts does; the full scale is `npm run bench:notice`.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db-client";
import { yoyPercent } from "@/lib/domain/rollup";
import { computeNoticeFigures } from "@/lib/notices/figures";
import { demoPasswordHash } from "@/prisma/seed/factories";
import { loadScenario } from "@/prisma/seed/scenario/zhejiang-2020";
import { scenarioTargets } from "@/prisma/seed/scenario/targets";
import { prepareDatabase } from "../../scripts/db/prepare";

const SCALE = 0.01;
const NAME = `shoudai_notice_scenario_${process.pid}`;
let db: Db;

async function admin(sql: string): Promise<void> {
  const server = new URL(process.env.DATABASE_URL!);
  server.pathname = "/postgres";
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin(`DROP DATABASE IF EXISTS "${NAME}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${NAME}"`);
  const target = new URL(process.env.DATABASE_URL!);
  target.pathname = `/${NAME}`;
  await prepareDatabase(target.toString(), { seed: false });
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await loadScenario(client, SCALE, await demoPasswordHash());
  } finally {
    await client.end();
  }
  db = createPrismaClient(target.toString(), { max: 2 });
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await admin(`DROP DATABASE IF EXISTS "${NAME}" WITH (FORCE)`);
});

describe("the notice of 2020-05 on the zhejiang-2020 scenario", () => {
  it("shows January–May's new 首贷户 and their YoY in its year-to-date block (excluding Ningbo)", async () => {
    const t = scenarioTargets(SCALE);
    const { figures } = await computeNoticeFigures("2020-05", db);
    const ytd = figures.funnel.excludingNingbo.ytd;
    expect(figures.periods.ytd).toEqual({ from: "2020-01-01", to: "2020-05-31" });
    expect(ytd.current.firstLoans).toBe(t.province.firstLoans2020);
    expect(ytd.previous.firstLoans).toBe(t.province.firstLoans2019);
    expect(ytd.yoy.firstLoans).toBe(yoyPercent(t.province.firstLoans2020, t.province.firstLoans2019));
    // With Ningbo: Ningbo's own first loans on top, and the Ningbo-only block is the difference.
    expect(figures.funnel.all.ytd.current.firstLoans).toBe(t.province.firstLoans2020 + t.ningbo.firstLoans2020);
    expect(figures.funnel.ningboOnly.ytd.current.firstLoans).toBe(t.ningbo.firstLoans2020);
  });

  it("ranks the scenario's banks and ten cities, the bank rows adding up to the province's first loans", async () => {
    const { figures } = await computeNoticeFigures("2020-05", db);
    expect(figures.rankings.cities).toHaveLength(10);
    expect(figures.rankings.cities.some((c) => c.code === "330200")).toBe(false);
    const banks = figures.rankings.banks;
    expect(banks.length).toBeGreaterThanOrEqual(5);
    // Every first loan of a scenario bank is counted for exactly one bank.
    const byBanks = banks.reduce((n, b) => n + b.firstLoans, 0);
    expect(byBanks).toBeLessThanOrEqual(figures.funnel.excludingNingbo.ytd.current.firstLoans);
    expect(banks[0]!.ranks.firstLoans).toBe(1);
    expect(banks.some((b) => b.coverage !== null && b.coverage > 0)).toBe(true);
  });
});
