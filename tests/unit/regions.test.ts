import { describe, it, expect } from "vitest";
import {
  CITIES,
  COUNTIES,
  NINGBO_CODE,
  PROVINCE,
  cityOf,
  countiesOf,
  findCity,
  findCounty,
  isNingbo,
  regionName,
} from "../../lib/domain/regions";

describe("Zhejiang divisions", () => {
  it("has the province, 11 cities and 90 county-level units", () => {
    expect(PROVINCE).toEqual({ code: "330000", name: "浙江省", nameEn: "Zhejiang" });
    expect(CITIES).toHaveLength(11);
    expect(COUNTIES).toHaveLength(90);
  });

  it("has unique, well-formed codes", () => {
    const codes = [PROVINCE.code, ...CITIES.map((c) => c.code), ...COUNTIES.map((c) => c.code)];
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^33\d{4}$/);
    for (const c of CITIES) expect(c.code).toMatch(/00$/);
    for (const c of COUNTIES) expect(c.code).not.toMatch(/00$/);
  });

  it("links every county to an existing city", () => {
    for (const county of COUNTIES) {
      expect(findCity(county.cityCode)).toBeDefined();
      expect(county.name.startsWith(county.shortName)).toBe(true);
      expect(county.name).toMatch(/(区|县|市)$/);
      expect(county.nameEn).toMatch(/^[A-Z][a-z']+$/);
    }
    for (const city of CITIES) expect(city.name).toBe(`${city.shortName}市`);
  });

  it("has the table's number of counties per city", () => {
    const expected: Record<string, number> = {
      Hangzhou: 13, Ningbo: 10, Wenzhou: 12, Jiaxing: 7, Huzhou: 5, Shaoxing: 6,
      Jinhua: 9, Quzhou: 6, Zhoushan: 4, Taizhou: 9, Lishui: 9,
    };
    for (const city of CITIES) expect(countiesOf(city.code).length, city.nameEn).toBe(expected[city.nameEn]);
  });

  it("spells a few units correctly", () => {
    expect(findCounty("330102")).toMatchObject({ name: "上城区", nameEn: "Shangcheng", cityCode: "330100" });
    expect(findCounty("330122")?.name).toBe("桐庐县");
    expect(findCounty("330182")?.name).toBe("建德市");
    expect(findCounty("330383")).toMatchObject({ name: "龙港市", cityCode: "330300" });
    expect(findCounty("331127")?.name).toBe("景宁畲族自治县");
    expect(findCity("331000")).toMatchObject({ name: "台州市", nameEn: "Taizhou" });
  });
});

describe("cityOf / isNingbo", () => {
  it("finds the city of a county, and a city maps to itself", () => {
    expect(cityOf("330106")?.code).toBe("330100");
    expect(cityOf("330100")?.code).toBe("330100");
    expect(cityOf("331181")?.nameEn).toBe("Lishui");
  });

  it("rolls up historical codes by prefix", () => {
    expect(cityOf("330103")?.code).toBe("330100"); // 下城, merged in 2021
  });

  it("returns undefined outside Zhejiang or for junk", () => {
    expect(cityOf("350100")).toBeUndefined();
    expect(cityOf("330000")).toBeUndefined();
    expect(cityOf("33")).toBeUndefined();
    expect(cityOf("331200")).toBeUndefined();
  });

  it("detects Ningbo", () => {
    expect(NINGBO_CODE).toBe("330200");
    expect(isNingbo("330200")).toBe(true);
    expect(isNingbo("330282")).toBe(true);
    expect(isNingbo("330106")).toBe(false);
    expect(isNingbo("330000")).toBe(false);
    expect(COUNTIES.filter((c) => isNingbo(c.code))).toHaveLength(10);
  });
});

describe("regionName", () => {
  it("names any level in either language", () => {
    expect(regionName("330000", "zh-CN")).toBe("浙江省");
    expect(regionName("330200", "en")).toBe("Ningbo");
    expect(regionName("330112", "en")).toBe("Lin'an");
    expect(regionName("330112", "zh-CN")).toBe("临安区");
    expect(regionName("999999", "en")).toBeUndefined();
  });
});
