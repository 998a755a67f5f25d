import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  MAX_AMOUNT,
  addMoney,
  compareMoney,
  formatAmount,
  formatWan,
  formatYi,
  formatYuan,
  fromCents,
  isPositive,
  isZero,
  parseYuan,
  subMoney,
  sumMoney,
  toCents,
  wanToYuan,
  yuanToWan,
} from "../../lib/domain/money";

describe("parseYuan", () => {
  it.each([
    ["1234.5", "1234.50"],
    ["1000000.00", "1000000.00"],
    ["0", "0.00"],
    ["007", "7.00"],
    [".5", "0.50"],
    ["5.", "5.00"],
    ["  12.34 ", "12.34"],
    ["+3", "3.00"],
    ["-1234.5", "-1234.50"],
    ["-0", "0.00"],
    ["1,234,567.80", "1234567.80"],
    ["１２３．４", "123.40"],
    [MAX_AMOUNT, MAX_AMOUNT],
    ["-9999999999999999.99", "-9999999999999999.99"],
  ])("parses %j as %j", (input, expected) => {
    expect(parseYuan(input)).toBe(expected);
  });

  it.each([
    "", " ", ".", "-", "abc", "NaN", "Infinity", "1e5", "1E5", "0x10", "1.234", "1.2.3", "1,23", "12,34.5", "1 000", "--1",
    "10000000000000000.00",
  ])("rejects %j", (input) => {
    expect(parseYuan(input)).toBeNull();
  });
});

describe("wanToYuan / yuanToWan", () => {
  it("converts exactly", () => {
    expect(wanToYuan("12.345")).toBe("123450.00");
    expect(wanToYuan("100")).toBe("1000000.00");
    expect(wanToYuan("0.000001")).toBe("0.01");
    expect(wanToYuan("-1.5")).toBe("-15000.00");
    expect(wanToYuan("0.0000001")).toBeNull(); // would need 3 decimals in yuan
    expect(wanToYuan("1e2")).toBeNull();
    expect(wanToYuan("")).toBeNull();
    expect(wanToYuan("1000000000000")).toBeNull(); // beyond Decimal(18,2)
  });

  it("converts back without rounding", () => {
    expect(yuanToWan("123450.00")).toBe("12.345");
    expect(yuanToWan("1000000")).toBe("100");
    expect(yuanToWan("0.01")).toBe("0.000001");
    expect(yuanToWan("-15000")).toBe("-1.5");
    expect(yuanToWan("0")).toBe("0");
  });

  it("round-trips for every cent amount", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -999999999999999999n, max: 999999999999999999n }), (cents) => {
        const yuan = fromCents(cents);
        expect(wanToYuan(yuanToWan(yuan))).toBe(yuan);
      }),
    );
  });
});

describe("arithmetic", () => {
  it("is exact where floats are not", () => {
    expect(addMoney("0.1", "0.2")).toBe("0.30");
    expect(subMoney("0.3", "0.1")).toBe("0.20");
    expect(sumMoney(Array.from({ length: 10 }, () => "0.1"))).toBe("1.00");
    expect(addMoney("9007199254740993.00", "0.01")).toBe("9007199254740993.01"); // beyond 2^53
    expect(addMoney(MAX_AMOUNT, MAX_AMOUNT)).toBe("19999999999999999.98"); // sums may exceed a column
  });

  it("handles negatives and empty lists", () => {
    expect(subMoney("1", "2.5")).toBe("-1.50");
    expect(addMoney("-0.01", "0.01")).toBe("0.00");
    expect(sumMoney([])).toBe("0.00");
  });

  it("compares", () => {
    expect(compareMoney("1.5", "1.50")).toBe(0);
    expect(compareMoney("-1", "0")).toBe(-1);
    expect(compareMoney("1000000", "999999.99")).toBe(1);
    expect(isPositive("0.01")).toBe(true);
    expect(isPositive("0")).toBe(false);
    expect(isPositive("-3")).toBe(false);
    expect(isZero("0.00")).toBe(true);
    expect(isZero("-0")).toBe(true);
  });

  it("throws on malformed input instead of guessing", () => {
    expect(() => addMoney("1e3", "1")).toThrow(TypeError);
    expect(() => toCents("1.005")).toThrow(TypeError);
    expect(() => compareMoney("NaN", "1")).toThrow(TypeError);
  });

  it("agrees with BigInt cents (property)", () => {
    const cents = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        expect(toCents(addMoney(fromCents(a), fromCents(b)))).toBe(a + b);
        expect(toCents(subMoney(fromCents(a), fromCents(b)))).toBe(a - b);
        expect(compareMoney(fromCents(a), fromCents(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});

describe("fromCents", () => {
  it("pads small values", () => {
    expect(fromCents(0n)).toBe("0.00");
    expect(fromCents(5n)).toBe("0.05");
    expect(fromCents(-5n)).toBe("-0.05");
    expect(fromCents(123456n)).toBe("1234.56");
  });
});

describe("formatting", () => {
  it("formats yuan", () => {
    expect(formatYuan("1234567.8", "zh-CN")).toBe("1,234,567.80 元");
    expect(formatYuan("1234567.8", "en")).toBe("¥1,234,567.80");
    expect(formatYuan("0", "zh-CN")).toBe("0.00 元");
    expect(formatYuan("-1234.5", "zh-CN")).toBe("-1,234.50 元");
    expect(formatYuan("-1234.5", "en")).toBe("-¥1,234.50");
    expect(formatYuan(MAX_AMOUNT, "en")).toBe("¥9,999,999,999,999,999.99");
  });

  it("formats 万元 / millions", () => {
    expect(formatWan("1000000", "zh-CN")).toBe("100.00 万元");
    expect(formatWan("1234567.89", "zh-CN")).toBe("123.46 万元");
    expect(formatWan("1234567.89", "en")).toBe("¥1.23M");
    expect(formatWan("1234567.89", "zh-CN", { digits: 0 })).toBe("123 万元");
    expect(formatWan("1234567.89", "zh-CN", { digits: 4 })).toBe("123.4568 万元");
    expect(formatWan("-1234567.89", "zh-CN")).toBe("-123.46 万元");
    expect(formatWan("-0.01", "zh-CN")).toBe("0.00 万元"); // no "-0.00"
  });

  it("rounds half-up exactly on the decimal value", () => {
    expect(formatWan("1234500", "zh-CN", { digits: 1 })).toBe("123.5 万元");
    expect(formatWan("1234499.99", "zh-CN", { digits: 1 })).toBe("123.4 万元");
    expect(formatWan("-1234500", "zh-CN", { digits: 1 })).toBe("-123.5 万元");
    // 1.005 is 1.00499999… as a float; here it is exactly a tie and rounds up.
    expect(formatWan("10050", "zh-CN")).toBe("1.01 万元");
  });

  it("formats the article's total", () => {
    expect(formatYi("62925000000.00", "zh-CN")).toBe("629.25 亿元");
    expect(formatYi("62925000000.00", "en")).toBe("¥62.93B");
    expect(formatAmount("62925000000.00", "zh-CN")).toBe("629.25 亿元");
    expect(formatAmount("62925000000.00", "en")).toBe("¥62.93B");
  });

  it("formats huge values", () => {
    expect(formatYi(MAX_AMOUNT, "zh-CN")).toBe("100,000,000.00 亿元");
    expect(formatAmount(MAX_AMOUNT, "en")).toBe("¥10,000,000.00B");
    expect(formatAmount("-" + MAX_AMOUNT, "zh-CN")).toBe("-100,000,000.00 亿元");
  });

  it("picks the unit in formatAmount", () => {
    expect(formatAmount("0", "zh-CN")).toBe("0.00 元");
    expect(formatAmount("9999.99", "zh-CN")).toBe("9,999.99 元");
    expect(formatAmount("10000", "zh-CN")).toBe("1.00 万元");
    expect(formatAmount("1000000", "zh-CN")).toBe("100.00 万元");
    expect(formatAmount("99999999.99", "zh-CN")).toBe("1.00 亿元"); // would be 10,000.00 万元
    expect(formatAmount("99994999.99", "zh-CN")).toBe("9,999.50 万元");
    expect(formatAmount("100000000", "zh-CN")).toBe("1.00 亿元");
    expect(formatAmount("-50000", "zh-CN")).toBe("-5.00 万元");
    expect(formatAmount("-5000", "zh-CN")).toBe("-5,000.00 元");

    expect(formatAmount("12345", "en")).toBe("¥12,345.00");
    expect(formatAmount("999999.99", "en")).toBe("¥999,999.99");
    expect(formatAmount("1000000", "en")).toBe("¥1.00M");
    expect(formatAmount("999999999.99", "en")).toBe("¥1.00B");
    expect(formatAmount("-2500000", "en")).toBe("-¥2.50M");
  });

  it("refuses bad digits", () => {
    expect(() => formatWan("1", "zh-CN", { digits: -1 })).toThrow(RangeError);
    expect(() => formatYi("1", "zh-CN", { digits: 1.5 })).toThrow(RangeError);
  });
});
