// Money as decimal strings in yuan ("1234.50"), computed on BigInt cents.
// Never a JS number: 0.1 + 0.2 must be 0.30 and Decimal(18,2) values exceed 2^53 cents.
// Strings match what Prisma's Decimal gives via toString() and what a DB Decimal(18,2) accepts.

/** A decimal string in yuan. Canonical form (what every function here returns) is "-?\d+\.\d{2}". */
export type Money = string;

export type MoneyLocale = "zh-CN" | "en";

/** Largest value a Decimal(18,2) column holds; parse functions reject anything larger in magnitude. */
export const MAX_AMOUNT: Money = "9999999999999999.99";
const MAX_CENTS = 999999999999999999n;

const CENTS_PER_WAN = 1_000_000n; // 10^4 yuan × 100
const CENTS_PER_YI = 10_000_000_000n; // 10^8 yuan × 100
const CENTS_PER_MILLION = 100_000_000n;
const CENTS_PER_BILLION = 100_000_000_000n;

type Parsed = { negative: boolean; intDigits: string; fracDigits: string };

/** Full-width characters (a Chinese IME's １２３，．－) and the typographic minus sign as plain ASCII. */
export function halfWidth(input: string): string {
  let s = "";
  for (const ch of input) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xff01 && cp <= 0xff5e) s += String.fromCodePoint(cp - 0xfee0);
    else if (cp === 0x2212) s += "-"; // typographic minus sign
    else s += ch;
  }
  return s;
}

/** A plain decimal: an optional sign, digits with thousands separators only in their places ("1,500" yes, "15,00" no), an optional fraction. */
export const DECIMAL_TEXT = /^([+-])?(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

// Input may come from a Chinese IME (full-width digits, 。-less decimal point ．, full-width comma)
// or be pasted from a formatted report ("1,234,567.80"), so both are accepted; exponents never are.
function parseDecimal(input: string, maxDecimals: number): Parsed | null {
  const m = DECIMAL_TEXT.exec(halfWidth(input.trim()));
  if (!m) return null;
  const intDigits = (m[2] ?? "").replace(/,/g, "");
  const fracDigits = m[3] ?? "";
  if (intDigits === "" && fracDigits === "") return null;
  if (fracDigits.length > maxDecimals) return null;
  return { negative: m[1] === "-", intDigits: intDigits || "0", fracDigits };
}

function scaledInteger(p: Parsed, decimals: number): bigint {
  const v = BigInt(p.intDigits + p.fracDigits.padEnd(decimals, "0"));
  return p.negative ? -v : v;
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/** Cents of a decimal yuan string with at most 2 decimals (any magnitude). Throws TypeError otherwise. */
export function toCents(amount: Money): bigint {
  const p = parseDecimal(amount, 2);
  if (!p) throw new TypeError(`Not a yuan amount with at most 2 decimals: ${JSON.stringify(amount)}`);
  return scaledInteger(p, 2);
}

/** Canonical 2-decimal yuan string for a number of cents. */
export function fromCents(cents: bigint): Money {
  const sign = cents < 0n ? "-" : "";
  const digits = abs(cents).toString().padStart(3, "0");
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Parses user or database input into canonical yuan ("1234.5" → "1234.50"). Returns null for
 * anything that is not a plain decimal with at most 2 decimals (NaN, "1e5", "1.234", "") or
 * that does not fit Decimal(18,2). Negatives parse; use isPositive where they are not allowed.
 */
export function parseYuan(input: string): Money | null {
  const p = parseDecimal(input, 2);
  if (!p) return null;
  const cents = scaledInteger(p, 2);
  return abs(cents) > MAX_CENTS ? null : fromCents(cents);
}

/**
 * 万元 → exact yuan ("12.345" → "123450.00"). Visits record needs in 万元; up to 6 decimals is
 * exactly representable in cents, more would need rounding and is rejected (null).
 */
export function wanToYuan(wan: string): Money | null {
  const p = parseDecimal(wan, 6);
  if (!p) return null;
  const cents = scaledInteger(p, 6); // 1 millionth of a 万 is exactly one cent
  return abs(cents) > MAX_CENTS ? null : fromCents(cents);
}

/** Yuan → exact 万元 with trailing zeros removed ("123450.00" → "12.345", "1000000" → "100"); for prefilling 万元 inputs. */
export function yuanToWan(yuan: Money): string {
  const cents = toCents(yuan);
  const sign = cents < 0n ? "-" : "";
  const digits = abs(cents).toString().padStart(7, "0");
  const frac = digits.slice(-6).replace(/0+$/, "");
  const int = digits.slice(0, -6);
  return frac ? `${sign}${int}.${frac}` : `${sign}${int}`;
}

export function addMoney(a: Money, b: Money): Money {
  return fromCents(toCents(a) + toCents(b));
}

export function subMoney(a: Money, b: Money): Money {
  return fromCents(toCents(a) - toCents(b));
}

export function sumMoney(list: readonly Money[]): Money {
  let total = 0n;
  for (const x of list) total += toCents(x);
  return fromCents(total);
}

export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  const d = toCents(a) - toCents(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function isPositive(amount: Money): boolean {
  return toCents(amount) > 0n;
}

export function isZero(amount: Money): boolean {
  return toCents(amount) === 0n;
}

// ---------- formatting ----------

export type FormatOptions = { digits?: number };

/** Divides with rounding half-up (away from zero on ties, as Decimal's ROUND_HALF_UP), exactly. */
function roundDiv(n: bigint, d: bigint): bigint {
  const q = abs(n) / d;
  const r = abs(n) % d;
  const rounded = 2n * r >= d ? q + 1n : q;
  return n < 0n ? -rounded : rounded;
}

function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Renders scaled (value × 10^digits) as a grouped decimal; sign only when the rounded value is non-zero. */
function renderScaled(scaled: bigint, digits: number): { sign: string; body: string } {
  const s = abs(scaled).toString().padStart(digits + 1, "0");
  const int = groupThousands(digits ? s.slice(0, -digits) : s);
  const body = digits ? `${int}.${s.slice(-digits)}` : int;
  return { sign: scaled < 0n ? "-" : "", body };
}

function checkDigits(digits: number): bigint {
  if (!Number.isInteger(digits) || digits < 0 || digits > 8) throw new RangeError(`digits must be 0..8: ${digits}`);
  return 10n ** BigInt(digits);
}

/** cents / unitCents, rounded half-up to `digits` decimals, as a scaled integer. */
function scaleTo(cents: bigint, unitCents: bigint, digits: number): bigint {
  return roundDiv(cents * checkDigits(digits), unitCents);
}

/** zh "1,234,567.80 元", en "¥1,234,567.80" (exact, always 2 decimals). */
export function formatYuan(amount: Money, locale: MoneyLocale): string {
  const { sign, body } = renderScaled(toCents(amount), 2);
  return locale === "zh-CN" ? `${sign}${body} 元` : `${sign}¥${body}`;
}

function formatScaled(scaled: bigint, digits: number, locale: MoneyLocale, zhUnit: string, enUnit: string): string {
  const { sign, body } = renderScaled(scaled, digits);
  return locale === "zh-CN" ? `${sign}${body} ${zhUnit}` : `${sign}¥${body}${enUnit}`;
}

/** zh in 万元 ("123.46 万元"); en in millions ("¥1.23M"), since 万 has no English equivalent. */
export function formatWan(amount: Money, locale: MoneyLocale, options: FormatOptions = {}): string {
  const digits = options.digits ?? 2;
  const unit = locale === "zh-CN" ? CENTS_PER_WAN : CENTS_PER_MILLION;
  return formatScaled(scaleTo(toCents(amount), unit, digits), digits, locale, "万元", "M");
}

/** zh in 亿元 ("629.25 亿元"); en in billions ("¥62.93B"). */
export function formatYi(amount: Money, locale: MoneyLocale, options: FormatOptions = {}): string {
  const digits = options.digits ?? 2;
  const unit = locale === "zh-CN" ? CENTS_PER_YI : CENTS_PER_BILLION;
  return formatScaled(scaleTo(toCents(amount), unit, digits), digits, locale, "亿元", "B");
}

/**
 * The one formatter the UI uses. zh: 元 below 1 万, 万元 below 1 亿, else 亿元. en uses English
 * magnitudes instead (full yuan below 1 million, then M, then B) so that ¥12,345 never reads "¥0.01M".
 * The unit is chosen after rounding, so 99,999,999.99 shows as "1.00 亿元", not "10,000.00 万元".
 */
export function formatAmount(amount: Money, locale: MoneyLocale, options: FormatOptions = {}): string {
  const digits = options.digits ?? 2;
  const cents = toCents(amount);
  const [small, large] = locale === "zh-CN" ? [CENTS_PER_WAN, CENTS_PER_YI] : [CENTS_PER_MILLION, CENTS_PER_BILLION];
  if (abs(cents) < small) return formatYuan(amount, locale);
  const inSmall = scaleTo(cents, small, digits);
  // Threshold in scaled units: large/small (10^4 or 10^3) times 10^digits.
  if (abs(inSmall) < (large / small) * checkDigits(digits)) {
    return formatScaled(inSmall, digits, locale, "万元", "M");
  }
  return formatScaled(scaleTo(cents, large, digits), digits, locale, "亿元", "B");
}
