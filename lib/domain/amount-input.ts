// What a person types into an amount field (in 万元, the one unit of every amount input), read
// exactly: BigInt cents through wanToYuan, never a float. The same function runs in the browser
// (the live echo under the field) and on the server (the zod schemas), so both say the same.
import { DECIMAL_TEXT, compareMoney, halfWidth, wanToYuan, yuanToWan, type Money } from "@/lib/domain/money";

/** Catalog keys (errors.*) for what is wrong with a typed amount. */
export type AmountInputError = "required" | "amountFormat" | "amountDecimals" | "amountPositive" | "amountTooLarge";

export type AmountReading = { ok: true; yuan: Money } | { ok: false; error: AmountInputError };

/** Longer input is not an amount anyone typed; refusing it early keeps BigInt work bounded. */
const MAX_TYPED_LENGTH = 40;

/** 万元 to the cent: 1 分 is 0.000001 万元. */
export const WAN_DECIMALS = 6;

/**
 * The typed text with a Chinese IME's forms made plain: full-width digits and signs (１２３，．－),
 * the ideographic full stop (。) as a decimal point, and spaces of any width (including the
 * ideographic space) removed.
 */
export function normaliseAmountText(raw: string): string {
  return halfWidth(raw.replace(/[。｡]/g, ".").replace(/\s/gu, ""));
}

/**
 * Reads an amount typed in 万元 into exact yuan ("150" → "1500000.00", "１,２３４.５" →
 * "12345000.00"), or says what is wrong, one problem at a time: empty, not a number, finer than
 * a cent, not above zero, above `maxYuan`.
 */
export function readWanAmount(raw: string, maxYuan: Money): AmountReading {
  if (raw.length > MAX_TYPED_LENGTH) return { ok: false, error: "amountFormat" };
  const text = normaliseAmountText(raw);
  if (text === "") return { ok: false, error: "required" };
  const m = DECIMAL_TEXT.exec(text);
  if (!m || (m[2] === "" && !m[3])) return { ok: false, error: "amountFormat" };
  if ((m[3] ?? "").length > WAN_DECIMALS) return { ok: false, error: "amountDecimals" };
  const yuan = wanToYuan(text);
  // wanToYuan refuses only what does not fit Decimal(18,2) once the format is right.
  if (yuan === null) return { ok: false, error: "amountTooLarge" };
  if (compareMoney(yuan, "0") <= 0) return { ok: false, error: "amountPositive" };
  if (compareMoney(yuan, maxYuan) > 0) return { ok: false, error: "amountTooLarge" };
  return { ok: true, yuan };
}

/**
 * The 万元 figure of a yuan amount for the echo under an amount field: grouped, at least two
 * decimals and as many more as it takes to be exact ("1500000.00" → "150.00",
 * "123456.78" → "12.345678"), so the echo never rounds what was typed.
 */
export function wanFigure(yuan: Money): string {
  const exact = yuanToWan(yuan); // "-?\d+(\.\d{1,6})?"
  const [int, frac = ""] = exact.split(".");
  const sign = int!.startsWith("-") ? "-" : "";
  const digits = int!.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${digits}.${frac.padEnd(2, "0")}`;
}
