// Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
// Pure functions only: used by forms (client), server actions and the seed script alike.

/** The 31 allowed characters; index = character value (I, O, S, V, Z are excluded by the standard). */
export const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** Weights for positions 1–17 (3^(i) mod 31, as defined by GB 32100). */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const USCC_PATTERN = new RegExp(`^[${USCC_CHARSET}]{18}$`);

export type UsccKind = "ENTERPRISE" | "INDIVIDUAL_BUSINESS" | "FARMER_COOPERATIVE" | "OTHER";

export type UsccErrorCode = "LENGTH" | "CHARSET" | "CHECKSUM";

export type UsccValidation =
  | {
      ok: true;
      uscc: string;
      kind: UsccKind;
      /** Positions 3–8: GB/T 2260 division code of the registering authority. */
      divisionCode: string;
      /** False only when the caller allowed a checksum override and the check failed. */
      checksumValid: boolean;
    }
  | { ok: false; code: UsccErrorCode; message: string };

// The module returns a code; the UI picks the language. `message` (English) is kept on the
// result for logs and server errors where no locale is at hand.
export const usccErrorMessages: Record<UsccErrorCode, { zh: string; en: string }> = {
  LENGTH: {
    zh: "统一社会信用代码应为 18 位。",
    en: "A Unified Social Credit Code has 18 characters.",
  },
  CHARSET: {
    zh: "统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）。",
    en: "A Unified Social Credit Code contains only digits and capital letters (not I, O, S, V or Z).",
  },
  CHECKSUM: {
    zh: "统一社会信用代码校验位不正确，请核对。早期试点代码可能无法通过校验，如确认无误可选择强制保存。",
    en: "The check character of this Unified Social Credit Code is wrong; please check it. Some early pilot codes fail the check: if you are sure it is correct, save it with the override.",
  },
};

/**
 * Upper-case, full-width → half-width, and drop whitespace and hyphen-like separators,
 * because codes are pasted from licences, PDFs and Chinese IMEs in all of these forms.
 */
export function normalizeUscc(raw: string): string {
  let out = "";
  for (const ch of raw) {
    const cp = ch.codePointAt(0)!;
    // Full-width ASCII block U+FF01–U+FF5E maps to U+0021–U+007E; U+3000 is the ideographic space.
    const half = cp >= 0xff01 && cp <= 0xff5e ? String.fromCodePoint(cp - 0xfee0) : cp === 0x3000 ? " " : ch;
    out += half;
  }
  return out.replace(/[\s\-\u2010-\u2015\u2212]/g, "").toUpperCase();
}

/** Check character for the first 17 characters (which must already be normalised and in the charset). */
export function checkCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError("checkCharacter needs exactly 17 characters");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`Character not allowed in a USCC: ${first17[i]}`);
    sum += value * WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Classification from positions 1–2: only market-regulation registrations (9x) are split further. */
export function kindFromUscc(uscc: string): UsccKind {
  const prefix = normalizeUscc(uscc).slice(0, 2);
  switch (prefix) {
    case "91":
      return "ENTERPRISE";
    case "92":
      return "INDIVIDUAL_BUSINESS";
    case "93":
      return "FARMER_COOPERATIVE";
    default:
      return "OTHER";
  }
}

export function validateUscc(raw: string, options: { allowChecksumOverride?: boolean } = {}): UsccValidation {
  const uscc = normalizeUscc(raw);
  if (uscc.length !== 18) return fail("LENGTH");
  if (!USCC_PATTERN.test(uscc)) return fail("CHARSET");
  const checksumValid = checkCharacter(uscc.slice(0, 17)) === uscc[17];
  // Some early pilot codes are legal yet fail the check, so a deliberate override is allowed.
  if (!checksumValid && !options.allowChecksumOverride) return fail("CHECKSUM");
  return { ok: true, uscc, kind: kindFromUscc(uscc), divisionCode: uscc.slice(2, 8), checksumValid };
}

function fail(code: UsccErrorCode): UsccValidation {
  return { ok: false, code, message: usccErrorMessages[code].en };
}

// Positions 1–2 used when building codes. OTHER uses "Y1": Y is the "other" registering
// department in GB 32100, so kindFromUscc maps it back to OTHER.
const PREFIX_BY_KIND: Record<UsccKind, string> = {
  ENTERPRISE: "91",
  INDIVIDUAL_BUSINESS: "92",
  FARMER_COOPERATIVE: "93",
  OTHER: "Y1",
};

/** Largest orgSeq that fits in the 9-character organisation code (31^9 − 1). */
export const MAX_ORG_SEQ = 31 ** 9 - 1;

/**
 * Deterministically builds a valid code (for seed and test data). The organisation code is
 * orgSeq written in base 31 over the USCC charset, so distinct orgSeq give distinct codes;
 * it does not carry a GB 11714 check of its own, which the USCC check does not need.
 */
export function makeUscc(input: { kind: UsccKind; divisionCode: string; orgSeq: number }): string {
  const { kind, divisionCode, orgSeq } = input;
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError(`divisionCode must be 6 digits: ${divisionCode}`);
  if (!Number.isSafeInteger(orgSeq) || orgSeq < 0 || orgSeq > MAX_ORG_SEQ) {
    throw new RangeError(`orgSeq must be an integer in 0..${MAX_ORG_SEQ}: ${orgSeq}`);
  }
  let org = "";
  let rest = orgSeq;
  for (let i = 0; i < 9; i++) {
    org = USCC_CHARSET[rest % 31]! + org;
    rest = Math.floor(rest / 31);
  }
  const first17 = PREFIX_BY_KIND[kind] + divisionCode + org;
  return first17 + checkCharacter(first17);
}
