import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { makeUscc, validateUscc, USCC_CHARSET } from "@/lib/domain/uscc";
import { makeRowChecker, type BankRef, type CheckedRow } from "@/lib/import/check-row";
import { mapHeader } from "@/lib/import/fields";
import { ROW_REASONS, reasonText } from "@/lib/import/reasons";

const BANKS: BankRef[] = [
  { id: "bank-icbc", code: "ICBC", name: "工商银行", nameEn: "ICBC" },
  { id: "bank-zjrcb", code: "ZJRCB", name: "浙江农商银行", nameEn: "Zhejiang Rural Commercial Bank" },
  { id: "bank-hzb", code: "HZB", name: "杭州银行", nameEn: "Bank of Hangzhou" },
];
const HEADER = ["统一社会信用代码", "企业名称", "所属区县", "行业", "主体类型", "法定代表人", "联系电话", "对接银行"];
const USCC = makeUscc({ kind: "ENTERPRISE", divisionCode: "330483", orgSeq: 123_456 });

type Cells = { uscc?: string; name?: string; county?: string; industry?: string; kind?: string; rep?: string; phone?: string; bank?: string };

function check(cells: Cells, options: { allowChecksumOverride?: boolean } = {}): CheckedRow {
  const checker = makeRowChecker({ columns: mapHeader(HEADER).columns, banks: BANKS, ...options });
  const row = [
    cells.uscc ?? USCC, cells.name ?? "桐乡市恒达五金有限公司", cells.county ?? "330483", cells.industry ?? "C",
    cells.kind ?? "企业", cells.rep ?? "张伟", cells.phone ?? "13800138000", cells.bank ?? "",
  ];
  return checker({ lineNo: 7, cells: row });
}

describe("makeRowChecker: a clean row", () => {
  it("accepts it with every field normalised, the line number and the original cells kept", () => {
    const r = check({ bank: "工商银行" });
    expect(r).toMatchObject({
      lineNo: 7, isRejected: false, reasons: [], uscc: USCC, name: "桐乡市恒达五金有限公司", countyCode: "330483",
      cityCode: "330400", industry: "C", kind: "ENTERPRISE", legalRepName: "张伟", legalRepPhone: "13800138000", bankId: "bank-icbc",
    });
    expect(r.raw[0]).toBe(USCC);
  });
});

describe("USCC", () => {
  it("normalises full-width, lower-case, spaced and hyphenated codes", () => {
    const fullWidth = [...USCC.toLowerCase()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("");
    expect(check({ uscc: fullWidth }).uscc).toBe(USCC);
    expect(check({ uscc: ` ${USCC.slice(0, 6)}-${USCC.slice(6, 12)} ${USCC.slice(12)} ` }).uscc).toBe(USCC);
    expect(check({ uscc: USCC.toLowerCase() }).isRejected).toBe(false);
  });

  it("rejects a missing, short, badly-charactered or wrongly-checked code", () => {
    expect(check({ uscc: "  " })).toMatchObject({ isRejected: true, reasons: ["usccMissing"], uscc: null });
    expect(check({ uscc: USCC.slice(0, 17) }).reasons).toEqual(["usccLength"]);
    expect(check({ uscc: `${USCC.slice(0, 10)}O${USCC.slice(11)}` }).reasons).toEqual(["usccCharset"]);
    const wrong = USCC.slice(0, 17) + (USCC[17] === "0" ? "1" : "0");
    expect(check({ uscc: wrong })).toMatchObject({ isRejected: true, reasons: ["usccChecksum"], uscc: null });
  });

  it("says so when Excel stored an all-digit code as a number and lost digits", () => {
    expect(check({ uscc: "9.13304007429142E+17" })).toMatchObject({ isRejected: true, reasons: ["usccStoredAsNumber"], uscc: null });
  });

  it("turns the checksum error into a warning when the override is allowed", () => {
    const wrong = USCC.slice(0, 17) + (USCC[17] === "0" ? "1" : "0");
    expect(check({ uscc: wrong }, { allowChecksumOverride: true })).toMatchObject({
      isRejected: false, reasons: ["usccChecksumOverridden"], uscc: wrong,
    });
    // The override never saves a code of the wrong length or characters.
    expect(check({ uscc: "91350100M000100Y4Z" }, { allowChecksumOverride: true }).isRejected).toBe(true);
  });

  it("agrees with lib/domain/uscc's validateUscc on any 18 characters (fast path included)", () => {
    const chars = `${USCC_CHARSET}IOSVZa-`;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 18, maxLength: 18 }), (arr) => {
        const code = arr.join("");
        const expected = validateUscc(code);
        const r = check({ uscc: code });
        expect(r.uscc).toBe(expected.ok ? expected.uscc : null);
        expect(r.reasons.some((x) => x.startsWith("uscc"))).toBe(!expected.ok);
      }),
      { numRuns: 2000 },
    );
    // And valid codes always pass.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 31 ** 9 - 1 }), (orgSeq) => {
        const code = makeUscc({ kind: "INDIVIDUAL_BUSINESS", divisionCode: "330782", orgSeq });
        expect(check({ uscc: code, county: "330782" }).isRejected).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe("county", () => {
  it.each([
    ["330483", "330483"], ["桐乡市", "330483"], ["桐乡", "330483"], ["嘉兴市桐乡市", "330483"], ["嘉兴 桐乡", "330483"],
    ["浙江省嘉兴市桐乡市", "330483"], ["义乌", "330782"], ["330106", "330106"], ["西湖区", "330106"], ["杭州市西湖区", "330106"],
    ["３３０７８２", "330782"], ["景宁县", "331127"], ["Tongxiang", "330483"],
  ])("resolves %s to %s", (county, code) => {
    const r = check({ county });
    expect(r.reasons).toEqual([]);
    expect(r.countyCode).toBe(code);
    expect(r.cityCode).toBe(`${code.slice(0, 4)}00`);
  });

  it("rejects a missing, unknown, out-of-province or city-only county", () => {
    expect(check({ county: "" }).reasons).toEqual(["countyMissing"]);
    expect(check({ county: "火星区" }).reasons).toEqual(["countyUnknown"]);
    expect(check({ county: "330199" }).reasons).toEqual(["countyUnknown"]);
    expect(check({ county: "310101" }).reasons).toEqual(["countyOutsideProvince"]);
    expect(check({ county: "嘉兴市" }).reasons).toEqual(["countyIsCity"]);
    expect(check({ county: "330400" }).reasons).toEqual(["countyIsCity"]);
    // A county under the wrong city is a mistake, not a guess.
    expect(check({ county: "杭州市桐乡市" }).reasons).toEqual(["countyUnknown"]);
  });

  it("rejects a name that matches more than one county, naming the candidates", () => {
    // 江干区 (330104) was split between 上城区 and 钱塘区 in 2021.
    const r = check({ county: "江干区" });
    expect(r).toMatchObject({ isRejected: true, reasons: ["countyAmbiguous"], countyCode: null });
    expect(reasonText("countyAmbiguous", "zh", r.detail)).toBe("所属区县对应多个区县：上城区、钱塘区");
    expect(check({ county: "330104" }).reasons).toEqual(["countyAmbiguous"]);
  });

  it("imports a historical code or name as its successor, with a warning", () => {
    const r = check({ county: "330103" });
    expect(r).toMatchObject({ isRejected: false, reasons: ["countyHistorical"], countyCode: "330105", cityCode: "330100" });
    expect(reasonText("countyHistorical", "zh", r.detail)).toContain("拱墅区");
    expect(check({ county: "绍兴县" }).countyCode).toBe("330603");
  });
});

describe("name", () => {
  it("trims and collapses spaces, rejects an empty or over-long name", () => {
    expect(check({ name: "  桐乡市  恒达\n五金　有限公司 " }).name).toBe("桐乡市 恒达 五金 有限公司");
    expect(check({ name: " \u3000 " })).toMatchObject({ isRejected: true, reasons: ["nameMissing"], name: null });
    expect(check({ name: "企".repeat(200) }).isRejected).toBe(false);
    expect(check({ name: "企".repeat(201) }).reasons).toEqual(["nameTooLong"]);
  });
});

describe("phone", () => {
  it.each([
    ["13800138000", "13800138000"], ["+86 138 0013 8000", "13800138000"], ["8613800138000", "13800138000"],
    ["138-0013-8000", "13800138000"], ["１３８００１３８０００", "13800138000"], ["0573-88001234", "0573-88001234"],
    ["057388001234", "0573-88001234"], ["(0573)88001234", "0573-88001234"], ["0573 8800 1234", "0573-88001234"],
    ["010-6512345", "010-6512345"], ["0573-88001234-123", "0573-88001234-123"], ["0573-88001234转8", "0573-88001234-8"],
  ])("accepts %s as %s", (phone, normalised) => {
    const r = check({ phone });
    expect(r.reasons).toEqual([]);
    expect(r.legalRepPhone).toBe(normalised);
  });

  it.each(["12345", "12800138000", "1380013800", "138001380001", "0573-123456", "88001234", "abc"])("rejects %s", (phone) => {
    expect(check({ phone })).toMatchObject({ isRejected: true, reasons: ["phoneFormat"], legalRepPhone: null });
  });

  it("is optional, and keeps the first of several numbers with a warning", () => {
    expect(check({ phone: "" })).toMatchObject({ isRejected: false, legalRepPhone: null });
    expect(check({ phone: "13800138000；0573-88001234" })).toMatchObject({ isRejected: false, reasons: ["phoneMultiple"], legalRepPhone: "13800138000" });
    expect(check({ phone: "13800138000/999" }).reasons).toEqual(["phoneFormat"]);
  });
});

describe("industry", () => {
  it.each([["C", "C"], ["c", "C"], ["Ｃ", "C"], ["制造业", "C"], ["C 制造业", "C"], ["C13", "C"], ["1311", "C"], ["51", "F"],
    ["批发和零售业", "F"], ["批发零售业", "F"], ["农林牧渔业", "A"], ["Manufacturing", "C"], ["T", "T"]])("reads %s as %s", (industry, code) => {
    expect(check({ industry }).industry).toBe(code);
  });

  it("drops an unknown industry with a warning, keeps the row", () => {
    for (const industry of ["U", "外星贸易", "99"]) {
      expect(check({ industry })).toMatchObject({ isRejected: false, reasons: ["industryUnknown"], industry: null });
    }
    expect(check({ industry: "" })).toMatchObject({ reasons: [], industry: null });
  });
});

describe("kind", () => {
  it("reads the column in Chinese or English", () => {
    expect(check({ kind: "个体工商户" }).kind).toBe("INDIVIDUAL_BUSINESS");
    expect(check({ kind: "农民专业合作社" }).kind).toBe("FARMER_COOPERATIVE");
    expect(check({ kind: "Other" }).kind).toBe("OTHER");
    expect(check({ kind: "enterprise" }).kind).toBe("ENTERPRISE");
  });

  it("falls back on the code's second character when the column is empty or unknown", () => {
    const individual = makeUscc({ kind: "INDIVIDUAL_BUSINESS", divisionCode: "330483", orgSeq: 9 });
    expect(check({ uscc: individual, kind: "" })).toMatchObject({ reasons: [], kind: "INDIVIDUAL_BUSINESS" });
    expect(check({ uscc: individual, kind: "外星人" })).toMatchObject({ isRejected: false, reasons: ["kindUnknown"], kind: "INDIVIDUAL_BUSINESS" });
  });
});

describe("bank", () => {
  it.each([["工商银行", "bank-icbc"], ["中国工商银行", "bank-icbc"], ["中国工商银行股份有限公司", "bank-icbc"], ["icbc", "bank-icbc"],
    ["工商银行桐乡支行", "bank-icbc"], ["浙江农商银行义乌支行", "bank-zjrcb"], ["Bank of Hangzhou", "bank-hzb"], ["HZB", "bank-hzb"]])(
    "resolves %s", (bank, id) => {
      expect(check({ bank })).toMatchObject({ isRejected: false, bankId: id });
    },
  );

  it("rejects a bank it does not know; an empty column is fine", () => {
    expect(check({ bank: "花旗银行" })).toMatchObject({ isRejected: true, reasons: ["bankUnknown"], bankId: null });
    expect(check({ bank: " " })).toMatchObject({ isRejected: false, bankId: null });
  });
});

describe("several problems at once", () => {
  it("reports every reason of the row, errors and warnings", () => {
    const r = check({ county: "月球县", phone: "999", industry: "未知" });
    expect(r.isRejected).toBe(true);
    expect(r.reasons).toEqual(["countyUnknown", "industryUnknown", "phoneFormat"]);
  });

  it("every reason code has Chinese and English text and a severity", () => {
    for (const [code, reason] of Object.entries(ROW_REASONS)) {
      expect(reason.zh.length, code).toBeGreaterThan(0);
      expect(reason.en.length, code).toBeGreaterThan(0);
      expect(["error", "warning"]).toContain(reason.severity);
    }
    expect(reasonText("duplicateInFile", "zh", { line: "12" })).toBe("统一社会信用代码与第 12 行重复");
    expect(ROW_REASONS.alreadyHasLoan.severity).toBe("warning");
  });
});
