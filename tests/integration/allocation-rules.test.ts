// The county → bank allocation table: shares must sum to 100 (nothing written otherwise),
// a change is audited with before and after, and the table lists counties with and without rules.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { setAllocationRules } from "@/lib/commands/set-allocation-rules";
import { getAllocationRules } from "@/lib/queries/allocation-rules";
import { COUNTIES } from "@/lib/domain/regions";
import { buildWorld, countRows, type World } from "../support/world";

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const COUNTY = "330522"; // 长兴

describe("setAllocationRules", () => {
  it("replaces a county's rule and audits before and after", async () => {
    const regulator = await w.actor("regulator");
    await setAllocationRules(regulator, { countyCode: COUNTY, rules: [{ bankId: w.bankA, share: 100 }] });
    // As a form posts it: bank_i / share_i rows, an empty row ignored.
    const result = await setAllocationRules(regulator, {
      countyCode: COUNTY, bank_0: w.bankA, share_0: "70", bank_1: w.bankB, share_1: "30", bank_2: "", share_2: "",
    });
    expect(result.rules).toHaveLength(2);
    const stored = await db.allocationRule.findMany({ where: { countyCode: COUNTY }, select: { bankId: true, share: true, updatedById: true } });
    expect(stored.sort((a, b) => b.share - a.share)).toEqual([
      { bankId: w.bankA, share: 70, updatedById: w.userIds.regulator },
      { bankId: w.bankB, share: 30, updatedById: w.userIds.regulator },
    ]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityType: "allocation_rule", entityId: COUNTY }, orderBy: { id: "desc" } });
    expect(audit.action).toBe("allocation_rules.set");
    expect(audit.before).toEqual([{ bankId: w.bankA, share: 100 }]);
    expect((audit.after as { bankId: string; share: number }[]).sort((a, b) => b.share - a.share)).toEqual([
      { bankId: w.bankA, share: 70 }, { bankId: w.bankB, share: 30 },
    ]);

    const view = await getAllocationRules(regulator);
    const county = view!.cities.flatMap((c) => c.counties).find((c) => c.code === COUNTY)!;
    expect(county.rules.map((r) => [r.bankName, r.share])).toEqual([[`甲银行${w.tag}`, 70], [`乙银行${w.tag}`, 30]]);
    expect(view!.withRules + view!.withoutRules).toBe(COUNTIES.length);
    expect(view!.cities.find((c) => c.code === "330500")!.counties.map((c) => c.code)).toContain(COUNTY);
  });

  it("refuses shares that do not sum to 100, bad shares, a bank twice or an unknown bank, writing nothing", async () => {
    const regulator = await w.actor("regulator");
    const cases: [unknown, string][] = [
      [{ countyCode: COUNTY, rules: [{ bankId: w.bankA, share: 60 }, { bankId: w.bankB, share: 30 }] }, "sumNot100"],
      [{ countyCode: COUNTY, bank_0: w.bankA, share_0: "100", bank_1: w.bankB, share_1: "10" }, "sumNot100"],
      [{ countyCode: COUNTY, rules: [{ bankId: w.bankA, share: 50 }, { bankId: w.bankA, share: 50 }] }, "duplicateBank"],
      [{ countyCode: COUNTY, rules: [{ bankId: "00000000-0000-4000-8000-000000000000", share: 100 }] }, "unknownBank"],
    ];
    for (const [input, key] of cases) {
      const before = await countRows();
      const error = await refusal(setAllocationRules(regulator, input));
      expect(error?.code).toBe("INVALID_INPUT");
      expect(error?.fieldErrors?.rules).toEqual([key]);
      expect(await countRows()).toEqual(before);
    }
    const badShare = await refusal(setAllocationRules(regulator, { countyCode: COUNTY, bank_0: w.bankA, share_0: "0" }));
    expect(badShare?.fieldErrors?.["rules"] ?? badShare?.fieldErrors?.["rules.0.share"]).toBeTruthy();
    expect((await refusal(setAllocationRules(regulator, { countyCode: "110101", rules: [] })))?.fieldErrors?.countyCode).toEqual(["unknownCounty"]);
    // The earlier rule is untouched.
    expect(await db.allocationRule.count({ where: { countyCode: COUNTY } })).toBe(2);
  });

  it("an empty rule removes the county's rule", async () => {
    const regulator = await w.actor("regulator");
    await setAllocationRules(regulator, { countyCode: "330523", rules: [{ bankId: w.bankB, share: 100 }] });
    await setAllocationRules(regulator, { countyCode: "330523", rules: [] });
    expect(await db.allocationRule.count({ where: { countyCode: "330523" } })).toBe(0);
  });

  it("is for regulators only", async () => {
    for (const name of ["headOffice", "branchHead", "owner"] as const) {
      const actor = await w.actor(name);
      expect((await refusal(setAllocationRules(actor, { countyCode: COUNTY, rules: [] })))?.code).toBe("NOT_FOUND");
      expect(await getAllocationRules(actor)).toBeNull();
    }
    expect(await db.allocationRule.count({ where: { countyCode: COUNTY } })).toBe(2);
  });
});
