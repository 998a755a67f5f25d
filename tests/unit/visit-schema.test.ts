import { describe, expect, it } from "vitest";
import { visitSchema } from "../../lib/schemas/visit";

const id = "00000000-0000-4000-8000-000000000001";
const base = { enterpriseId: id, visitedOn: "2026-11-20", mode: "ON_SITE", hasNeed: "yes", amountWan: "150", termMonths: "12", purpose: "WORKING_CAPITAL" };

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? {} : Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0] ?? "_form"), i.message]));
}

describe("visitSchema", () => {
  it("reads the need in 万元 (full-width, commas) into exact yuan", () => {
    expect(visitSchema.parse({ ...base, amountWan: "１,２００.５" }).amountYuan).toBe("12005000.00");
    expect(visitSchema.parse({ ...base, amountWan: "0.000001" }).amountYuan).toBe("0.01");
  });

  it("reports every problem in one round: a bad date does not hide the missing need fields", () => {
    const result = visitSchema.safeParse({ enterpriseId: id, visitedOn: "2026-13-01", mode: "ON_SITE", hasNeed: "yes", followUpOn: "bad" });
    expect(errorsOf(result)).toEqual({ visitedOn: "invalidDate", followUpOn: "invalidDate", amountWan: "required", termMonths: "required", purpose: "required" });
  });

  it("says one thing per bad date (not also 'in the future')", () => {
    expect(visitSchema.safeParse({ ...base, visitedOn: "bad" }).error!.issues.map((i) => i.message)).toEqual(["invalidDate"]);
  });
});
