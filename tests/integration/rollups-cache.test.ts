// The rollup version and the cache keyed on it (lib/rollups/cache.ts): the version moves once
// per committed transaction that changed the rollups and never for a rolled-back one, and
// reads through the data layer's cache always equal a recount right after each change.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { logVisit } from "@/lib/commands/log-visit";
import { readRollupVersion } from "@/lib/rollups/cache";
import { rollupReads } from "@/lib/rollups/reader";
import { naiveSums } from "@/lib/rollups/naive";
import { createListBatch } from "@/prisma/seed/factories";
import { buildWorld } from "../support/world";

const changes = async () => Number((await readRollupVersion(db)).split(":")[1]);

describe("rollup version", () => {
  it("moves once per committed transaction, however many rollup rows it changed", async () => {
    const world = await buildWorld();
    const owner = await world.actor("owner");
    // The funnel counts listed enterprises: list this one (itself a committed change).
    const batch = await createListBatch(db, { listType: "BANKS_VISIT_ENTERPRISES", name: `版本测试${world.tag}`, issuedOn: "2015-04-01" });
    await db.listMembership.create({ data: { enterpriseId: world.enterpriseId, batchId: batch.id, listType: "BANKS_VISIT_ENTERPRISES", listedOn: new Date("2015-04-01T00:00:00Z") } });
    const before = await changes();
    // One visit with a need: several daily and monthly rows (region and bank) in one transaction.
    await logVisit(owner, { enterpriseId: world.enterpriseId, visitedOn: "2015-05-06", mode: "ON_SITE", hasNeed: "yes", amountWan: "50", termMonths: "12", purpose: "WORKING_CAPITAL" });
    expect(await changes()).toBe(before + 1);
    // One statement over many rows of both daily tables: still one bump.
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "rollup_region_daily" SET "listed" = "listed" WHERE "day" < '2100-01-01'`;
      await tx.$executeRaw`UPDATE "rollup_bank_daily" SET "pooled" = "pooled" WHERE "day" < '2100-01-01'`;
    });
    expect(await changes()).toBe(before + 2);
  });

  it("does not move for a rolled-back transaction or a rolled-back savepoint", async () => {
    const before = await changes();
    await expect(db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT "rollup_bump_region"('2015-01-01', '330102', '330100', 1, 0, 0, 0, 0, 0, 0)`;
      throw new Error("rolled back");
    })).rejects.toThrow("rolled back");
    expect(await changes()).toBe(before);
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SAVEPOINT s`;
      await tx.$executeRaw`SELECT "rollup_bump_region"('2015-01-01', '330102', '330100', 1, 0, 0, 0, 0, 0, 0)`;
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT s`;
    });
    expect(await changes()).toBe(before);
  });
});

describe("cached rollup reads", () => {
  it("equal a recount after every change, and come from the cache between changes", async () => {
    const world = await buildWorld();
    const owner = await world.actor("owner");
    const batch = await createListBatch(db, { listType: "BANKS_VISIT_ENTERPRISES", name: `缓存测试${world.tag}`, issuedOn: "2015-01-05" });
    const input = { period: { from: "2015-01-01", to: "2015-12-31" }, previous: { from: "2014-01-01", to: "2014-12-31" }, group: "city" as const, filter: { cities: "all" as const } };
    const raw = async () => (await rollupReads()).sum(input);
    const read = async () => Object.fromEntries(await raw());
    const recount = async () => Object.fromEntries(await naiveSums(db, input));

    const steps: (() => Promise<unknown>)[] = [
      () => db.listMembership.create({ data: { enterpriseId: world.enterpriseId, batchId: batch.id, listType: "BANKS_VISIT_ENTERPRISES", listedOn: new Date("2015-01-05T00:00:00Z") } }),
      () => logVisit(owner, { enterpriseId: world.enterpriseId, visitedOn: "2015-03-01", mode: "PHONE", hasNeed: "yes", amountWan: "80", termMonths: "12", purpose: "WORKING_CAPITAL" }),
      () => logVisit(owner, { enterpriseId: world.enterpriseId, visitedOn: "2015-03-02", mode: "ON_SITE", hasNeed: "no", noNeedReason: "NO_NEED_NOW" }),
    ];
    expect(await read()).toEqual(await recount());
    for (const step of steps) {
      // Same version: the very same (cached) figures, not a second read.
      expect(await raw()).toBe(await raw());
      await step();
      expect(await read(), "figures right after a committed change").toEqual(await recount());
    }
  });
});
