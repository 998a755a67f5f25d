import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("the catalogues", () => {
  it("have the same keys in Chinese and English (every feature file included)", () => {
    const zh = keys(MESSAGES["zh-CN"]).sort();
    const en = keys(MESSAGES.en).sort();
    expect(zh.filter((k) => !en.includes(k)), "only in zh-CN").toEqual([]);
    expect(en.filter((k) => !zh.includes(k)), "only in en").toEqual([]);
    expect(zh).toContain("listImport.batch.duplicateOf");
  });
});
