import { describe, expect, it } from "vitest";
import { mapHeader } from "@/lib/import/fields";

describe("mapHeader", () => {
  it("maps the template's Chinese headers to their columns", () => {
    const r = mapHeader(["统一社会信用代码", "企业名称", "所属区县", "行业", "主体类型", "法定代表人", "联系电话", "对接银行"]);
    expect(r.columns).toEqual({ uscc: 0, name: 1, county: 2, industry: 3, kind: 4, legalRepName: 5, legalRepPhone: 6, bank: 7 });
    expect(r.missing).toEqual([]);
    expect(r.duplicated).toEqual([]);
  });

  it("maps English headers in another order, any case, with extra columns ignored", () => {
    const r = mapHeader(["No.", "BANK", "county code", "Unified Social Credit Code", "phone", "Legal representative", "Type", "Enterprise name", "Remarks"]);
    expect(r.columns).toEqual({ bank: 1, county: 2, uscc: 3, legalRepPhone: 4, legalRepName: 5, kind: 6, name: 7 });
    expect(r.missing).toEqual([]);
  });

  it("accepts synonyms, full-width letters, spaces, required marks and notes in brackets", () => {
    const r = mapHeader([" *信用代码 ", "名称（必填）", "行政区划代码", "ＵＳＣＣ", "手机号码(选填)", "法人", "行业门类", "企业类型", "对接机构"]);
    expect(r.columns.uscc).toBe(0);
    expect(r.columns.name).toBe(1);
    expect(r.columns.county).toBe(2);
    expect(r.columns.legalRepPhone).toBe(4);
    expect(r.columns.legalRepName).toBe(5);
    expect(r.columns.industry).toBe(6);
    expect(r.columns.kind).toBe(7);
    expect(r.columns.bank).toBe(8);
    // ＵＳＣＣ repeats the code column: the first one wins and the user is told.
    expect(r.duplicated).toEqual(["uscc"]);
  });

  it("maps 区县 and 区划代码 as the county", () => {
    expect(mapHeader(["USCC", "Name", "区县"]).columns.county).toBe(2);
    expect(mapHeader(["USCC", "Name", "区划代码"]).columns.county).toBe(2);
    expect(mapHeader(["USCC", "Name", "County"]).missing).toEqual([]);
  });

  it("lists the required fields that are missing; bank and the others are optional", () => {
    expect(mapHeader(["企业名称", "联系电话"]).missing).toEqual(["uscc", "county"]);
    expect(mapHeader(["统一社会信用代码", "企业名称", "所属区县"]).missing).toEqual([]);
    expect(mapHeader([]).missing).toEqual(["uscc", "name", "county"]);
  });
});
