// The zhejiang-2020 scenario hits its exact targets (at a test scale; the full scale is run by
// `npm run seed:scenario`, which prints the same check), its rollups equal a recount, and the
// bulk load leaves the schema exactly as the migrations made it (indexes and foreign keys are
// dropped and recreated during COPY). Runs in a database of its own on the same server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db-client";
import { fromCents } from "@/lib/domain/money";
import { previousYear } from "@/lib/domain/period";
import { naiveSums } from "@/lib/rollups/naive";
import { sumRollups, type RollupGroup } from "@/lib/rollups/query";
import { articleFigures } from "@/prisma/seed/scenario/verify";
import { PROGRAMME, scenarioTargets } from "@/prisma/seed/scenario/targets";
import { scenarioDatabase } from "../support/scenario-db";
import { schemaDrift } from "../../scripts/db/schema-engine";

const SCALE = 0.01;
const NAME = `shoudai_scenario_${process.pid}`;
let url: string;
let db: Db;

let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const scenario = await scenarioDatabase(NAME, SCALE);
  drop = scenario.drop;
  url = scenario.url;
  db = createPrismaClient(scenario.url, { max: 4 });
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

describe("zhejiang-2020 scenario", () => {
  it("targets at scale 1 are the article's figures", () => {
    const { province } = scenarioTargets(1);
    expect(province).toMatchObject({ listed: 530_000, needs: 50_000, visited: 14_458, credited: 4_158, firstLoans2020: 40_000, firstLoans2019: 28_674 });
    expect(fromCents(province.creditAmountCents)).toBe("62925000000.00");
  });

  it("shows exactly its targets for Zhejiang excluding Ningbo", async () => {
    const t = scenarioTargets(SCALE).province;
    const figures = await articleFigures(db, "excludeNingbo");
    expect(figures.programme).toMatchObject({
      listed: t.listed, needs: t.needs, visited: t.visited, credited: t.credited, creditAmount: fromCents(t.creditAmountCents),
    });
    expect(figures.window.firstLoans).toBe(t.firstLoans2020);
    expect(figures.windowLastYear.firstLoans).toBe(t.firstLoans2019);
  });

  it("adds Ningbo's own programme only when Ningbo is included", async () => {
    const t = scenarioTargets(SCALE);
    const all = await articleFigures(db, "all");
    const ningbo = await articleFigures(db, "ningboOnly");
    expect(ningbo.programme).toMatchObject({ listed: t.ningbo.listed, needs: t.ningbo.needs, visited: t.ningbo.visited, credited: t.ningbo.credited });
    expect(ningbo.programme.creditAmount).toBe(fromCents(t.ningbo.creditAmountCents));
    expect(all.programme.listed).toBe(t.province.listed + t.ningbo.listed);
    expect(all.window.firstLoans).toBe(t.province.firstLoans2020 + t.ningbo.firstLoans2020);
  });

  it("rollups built by the set-based rebuild equal a recount", async () => {
    for (const group of ["city", "county", "bank", "branch", "manager"] as RollupGroup[]) {
      const input = { period: PROGRAMME, previous: previousYear(PROGRAMME), group, filter: { cities: "all" as const } };
      expect(Object.fromEntries(await sumRollups(db, input))).toEqual(Object.fromEntries(await naiveSums(db, input)));
    }
  });

  it("leaves no schema drift after dropping and recreating indexes and foreign keys", async () => {
    expect(await schemaDrift(url)).toBe("");
  }, 60_000);
});
