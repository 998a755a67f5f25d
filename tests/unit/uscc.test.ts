import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  checkCharacter,
  kindFromUscc,
  makeUscc,
  MAX_ORG_SEQ,
  normalizeUscc,
  usccErrorMessages,
  validateUscc,
  type UsccKind,
} from "../../lib/domain/uscc";

describe("validateUscc", () => {
  it.each([
    ["91350100M000100Y43", "ENTERPRISE", "350100"],
    ["91110000600037341L", "ENTERPRISE", "110000"],
    ["913304007429141869", "ENTERPRISE", "330400"],
    ["92340602MA2PBMEM24", "INDIVIDUAL_BUSINESS", "340602"],
  ])("accepts the valid code %s", (code, kind, divisionCode) => {
    expect(validateUscc(code)).toEqual({ ok: true, uscc: code, kind, divisionCode, checksumValid: true });
  });

  it("rejects a wrong check character", () => {
    expect(validateUscc("91350100M000100Y44")).toMatchObject({ ok: false, code: "CHECKSUM" });
    expect(validateUscc("91110000600037341M")).toMatchObject({ ok: false, code: "CHECKSUM" });
  });

  it("rejects 91350100M000100Y4Z as CHARSET: Z can never be a check character, so no override may save it", () => {
    expect(validateUscc("91350100M000100Y4Z")).toMatchObject({ ok: false, code: "CHARSET" });
    expect(validateUscc("91350100M000100Y4Z", { allowChecksumOverride: true })).toMatchObject({ ok: false, code: "CHARSET" });
  });

  it("rejects wrong lengths", () => {
    expect(validateUscc("")).toMatchObject({ ok: false, code: "LENGTH" });
    expect(validateUscc("91350100M000100Y4")).toMatchObject({ ok: false, code: "LENGTH" });
    expect(validateUscc("91350100M000100Y433")).toMatchObject({ ok: false, code: "LENGTH" });
  });

  it.each(["I", "O", "S", "V", "Z", "*", "é"])("rejects the character %s", (ch) => {
    expect(validateUscc(`91350100M000100Y${ch}3`)).toMatchObject({ ok: false, code: "CHARSET" });
    expect(validateUscc(`${ch}1350100M000100Y43`)).toMatchObject({ ok: false, code: "CHARSET" });
  });

  it("normalises before validating", () => {
    expect(validateUscc(" 9135-0100 m000100y43 ")).toMatchObject({ ok: true, uscc: "91350100M000100Y43" });
  });

  it("allows an explicit checksum override and flags it", () => {
    expect(validateUscc("91350100M000100Y44", { allowChecksumOverride: true })).toEqual({
      ok: true,
      uscc: "91350100M000100Y44",
      kind: "ENTERPRISE",
      divisionCode: "350100",
      checksumValid: false,
    });
    // The override does not excuse length or charset errors.
    expect(validateUscc("91350100M000100Y4", { allowChecksumOverride: true })).toMatchObject({ code: "LENGTH" });
    expect(validateUscc("91350100M000100YO3", { allowChecksumOverride: true })).toMatchObject({ code: "CHARSET" });
  });

  it("has zh and en messages for every error code", () => {
    for (const m of Object.values(usccErrorMessages)) {
      expect(m.zh.length).toBeGreaterThan(0);
      expect(m.en.length).toBeGreaterThan(0);
    }
    expect(validateUscc("x")).toMatchObject({ message: usccErrorMessages.LENGTH.en });
  });
});

describe("normalizeUscc", () => {
  it("handles case, spaces, hyphens and full-width characters", () => {
    expect(normalizeUscc(" 9135-0100 m000100y43 ")).toBe("91350100M000100Y43");
    expect(normalizeUscc("９１３５０１００Ｍ０００１００Ｙ４３")).toBe("91350100M000100Y43");
    expect(normalizeUscc("9135\u30000100－m000100ｙ43\t")).toBe("91350100M000100Y43");
  });
});

describe("checkCharacter", () => {
  it("computes the standard's example", () => {
    expect(checkCharacter("91350100M000100Y4")).toBe("3");
    expect(checkCharacter("91110000600037341")).toBe("L");
  });
  it("refuses bad input", () => {
    expect(() => checkCharacter("123")).toThrow(RangeError);
    expect(() => checkCharacter("91350100M000100I4")).toThrow(RangeError);
  });
});

describe("kindFromUscc", () => {
  it("maps positions 1–2", () => {
    expect(kindFromUscc("91350100M000100Y43")).toBe("ENTERPRISE");
    expect(kindFromUscc("92340602MA2PBMEM24")).toBe("INDIVIDUAL_BUSINESS");
    expect(kindFromUscc("93330100MA00000000")).toBe("FARMER_COOPERATIVE");
    expect(kindFromUscc("12330000000000000X")).toBe("OTHER");
    expect(kindFromUscc("99330000000000000X")).toBe("OTHER");
  });
});

describe("makeUscc", () => {
  const kinds: UsccKind[] = ["ENTERPRISE", "INDIVIDUAL_BUSINESS", "FARMER_COOPERATIVE", "OTHER"];
  const arbKind = fc.constantFrom(...kinds);
  const arbDivision = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, "0"));
  const arbSeq = fc.integer({ min: 0, max: MAX_ORG_SEQ });

  it("always produces a valid code of the requested kind and division", () => {
    fc.assert(
      fc.property(arbKind, arbDivision, arbSeq, (kind, divisionCode, orgSeq) => {
        const code = makeUscc({ kind, divisionCode, orgSeq });
        expect(validateUscc(code)).toEqual({ ok: true, uscc: code, kind, divisionCode, checksumValid: true });
      }),
    );
  });

  it("gives distinct codes for distinct orgSeq", () => {
    fc.assert(
      fc.property(arbKind, arbDivision, arbSeq, arbSeq, (kind, divisionCode, a, b) => {
        fc.pre(a !== b);
        expect(makeUscc({ kind, divisionCode, orgSeq: a })).not.toBe(makeUscc({ kind, divisionCode, orgSeq: b }));
      }),
    );
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(makeUscc({ kind: "ENTERPRISE", divisionCode: "330106", orgSeq: i }));
    expect(seen.size).toBe(2000);
  });

  it("is deterministic", () => {
    const a = makeUscc({ kind: "ENTERPRISE", divisionCode: "330106", orgSeq: 42 });
    expect(makeUscc({ kind: "ENTERPRISE", divisionCode: "330106", orgSeq: 42 })).toBe(a);
    expect(a.startsWith("91330106")).toBe(true);
  });

  it("rejects bad arguments", () => {
    expect(() => makeUscc({ kind: "ENTERPRISE", divisionCode: "3301", orgSeq: 1 })).toThrow(RangeError);
    expect(() => makeUscc({ kind: "ENTERPRISE", divisionCode: "330106", orgSeq: -1 })).toThrow(RangeError);
    expect(() => makeUscc({ kind: "ENTERPRISE", divisionCode: "330106", orgSeq: 1.5 })).toThrow(RangeError);
    expect(() => makeUscc({ kind: "ENTERPRISE", divisionCode: "330106", orgSeq: MAX_ORG_SEQ + 1 })).toThrow(RangeError);
  });
});
