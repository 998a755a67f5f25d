import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseAmountText, readWanAmount, wanFigure } from "../../lib/domain/amount-input";
import { MAX_CREDIT_YUAN } from "../../lib/domain/credit";
import { fromCents, yuanToWan } from "../../lib/domain/money";
import { wanAmount } from "../../lib/schemas/money";

const read = (raw: string) => readWanAmount(raw, MAX_CREDIT_YUAN);

describe("readWanAmount: what a person types in 万元, read into exact 元", () => {
  it.each([
    ["150", "1500000.00"],
    ["1,500", "15000000.00"],
    ["1,234.5678", "12345678.00"],
    ["0.000001", "0.01"], // one 分
    ["12.345678", "123456.78"],
    ["１５０", "1500000.00"], // full-width digits
    ["１，５００．５", "15005000.00"], // full-width comma and point
    ["150。25", "1502500.00"], // the IME's full stop as a decimal point
    [" 1 500 ", "15000000.00"], // spaces, here as a thousands gap
    ["150\u3000", "1500000.00"], // the ideographic space
    ["+3", "30000.00"],
    [".5", "5000.00"],
    ["10000", "100000000.00"], // exactly the 1 亿元 ceiling
  ])("%j → %s 元", (typed, yuan) => {
    expect(read(typed)).toEqual({ ok: true, yuan });
  });

  it("is exact where a float is not: 0.1 + 0.2 万元 style inputs keep every cent", () => {
    // 0.300001 万元 is 3000.01 元; as floats 0.300001 * 10000 = 3000.0099999999998.
    expect(read("0.300001")).toEqual({ ok: true, yuan: "3000.01" });
    expect(read("9999.999999")).toEqual({ ok: true, yuan: "99999999.99" });
  });

  it.each([
    ["", "required"],
    ["   ", "required"],
    ["abc", "amountFormat"],
    ["1e5", "amountFormat"],
    ["NaN", "amountFormat"],
    ["15,00", "amountFormat"], // a comma out of place is a typo, not a separator
    ["1.2.3", "amountFormat"],
    ["150万", "amountFormat"],
    [".", "amountFormat"],
    ["1".repeat(41), "amountFormat"],
    ["1.0000001", "amountDecimals"], // finer than a cent
    ["0.0000001", "amountDecimals"],
    ["-5", "amountPositive"],
    ["－５", "amountPositive"], // full-width minus
    ["0", "amountPositive"],
    ["0.000000", "amountPositive"],
    ["10000.000001", "amountTooLarge"],
    ["99999999999999999999", "amountTooLarge"],
  ])("%j is refused: %s", (typed, error) => {
    expect(read(typed)).toEqual({ ok: false, error });
  });

  it("round-trips every cent amount up to the ceiling: yuan → 万元 text → the same yuan", () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10_000_000_000n }), (cents) => {
      const yuan = fromCents(cents);
      const wan = yuanToWan(yuan);
      expect(read(wan)).toEqual({ ok: true, yuan });
      // and the same with thousands separators and full-width digits
      const [int, frac] = wan.split(".");
      const grouped = `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ? `.${frac}` : ""}`;
      const fullWidth = grouped.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      expect(read(fullWidth)).toEqual({ ok: true, yuan });
    }));
  });

  it("normalises IME forms and nothing else", () => {
    expect(normaliseAmountText("１２３，４５６．７８")).toBe("123,456.78");
    expect(normaliseAmountText(" 1\u00a02\u30003 ")).toBe("123");
    expect(normaliseAmountText("1e5")).toBe("1e5");
  });
});

describe("wanFigure: the echo's 万元 figure never rounds", () => {
  it.each([
    ["1500000.00", "150.00"],
    ["123456.78", "12.345678"],
    ["100000000.00", "10,000.00"],
    ["0.01", "0.000001"],
    ["15005000.00", "1,500.50"],
  ])("%s 元 → %s 万元", (yuan, figure) => {
    expect(wanFigure(yuan)).toBe(figure);
  });
});

describe("wanAmount (the schema every amount field uses)", () => {
  it("outputs yuan and reports the reader's error key", () => {
    const schema = wanAmount();
    expect(schema.parse("１,５００")).toBe("15000000.00");
    const failure = schema.safeParse("1.0000001");
    expect(failure.success ? null : failure.error.issues.map((i) => i.message)).toEqual(["amountDecimals"]);
    const notText = schema.safeParse(150);
    expect(notText.success ? null : notText.error.issues.map((i) => i.message)).toEqual(["amountFormat"]);
  });
});
