import { describe, it, expect } from "vitest";
import { INDUSTRIES, findIndustry, isIndustry } from "../../lib/domain/industries";

describe("GB/T 4754-2017 sections", () => {
  it("lists A–T in order with both names", () => {
    expect(INDUSTRIES.map((i) => i.code).join("")).toBe("ABCDEFGHIJKLMNOPQRST");
    for (const i of INDUSTRIES) {
      expect(i.name.length).toBeGreaterThan(0);
      expect(i.nameEn.length).toBeGreaterThan(0);
    }
    expect(findIndustry("C")).toMatchObject({ name: "制造业", nameEn: "Manufacturing" });
    expect(findIndustry("F")?.name).toBe("批发和零售业");
  });

  it("guards untrusted input", () => {
    expect(isIndustry("A")).toBe(true);
    expect(isIndustry("T")).toBe(true);
    expect(isIndustry("U")).toBe(false);
    expect(isIndustry("a")).toBe(false);
    expect(isIndustry("")).toBe(false);
    expect(isIndustry("AB")).toBe(false);
    expect(findIndustry("Z")).toBeUndefined();
  });
});
