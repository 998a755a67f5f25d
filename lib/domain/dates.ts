// Calendar dates for the programme are Shanghai dates: a visit at 00:30 Beijing time belongs to
// that Beijing day even though it is still the previous day in UTC. Calendar dates travel as
// "YYYY-MM-DD" strings so that no code path can shift them by a time zone again.

export type DateLocale = "zh-CN" | "en";

/** An ISO calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

export const SHANGHAI_TZ = "Asia/Shanghai";

const DAY_MS = 86_400_000;

// Built once: constructing Intl formatters is comparatively slow. hourCycle h23 avoids "24:05".
const SHANGHAI_PARTS = new Intl.DateTimeFormat("en-US", {
  timeZone: SHANGHAI_TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

// Month abbreviations are fixed here rather than taken from Intl: ICU versions differ
// ("Sep" vs "Sept" in en-GB), and server and browser must render the same text.
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

type Parts = { year: string; month: string; day: string; hour: string; minute: string };

function shanghaiParts(d: Date): Parts {
  if (Number.isNaN(d.getTime())) throw new RangeError("Invalid Date");
  const out: Record<string, string> = {};
  for (const p of SHANGHAI_PARTS.formatToParts(d)) out[p.type] = p.value;
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute! };
}

/** The Shanghai calendar date of an instant. */
export function toShanghaiDate(d: Date): IsoDate {
  const p = shanghaiParts(d);
  return `${p.year.padStart(4, "0")}-${p.month}-${p.day}`;
}

export function todayInShanghai(now: Date = new Date()): IsoDate {
  return toShanghaiDate(now);
}

/** Strict "YYYY-MM-DD" that names a real calendar day (rejects 2026-02-30, 2026-1-5, timestamps). */
export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC maps years 0–99 to 1900–1999, so set the full year explicitly.
  t.setUTCFullYear(y, mo - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

// Calendar arithmetic is done on UTC midnights, where every day is exactly 24 h long.
function isoToUtcMs(iso: IsoDate): number {
  if (!isValidIsoDate(iso)) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  const t = new Date(0);
  t.setUTCFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return t.getTime();
}

function utcMsToIso(ms: number): IsoDate {
  const t = new Date(ms);
  const y = String(t.getUTCFullYear()).padStart(4, "0");
  const m = String(t.getUTCMonth() + 1).padStart(2, "0");
  const d = String(t.getUTCDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export function addDays(iso: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days: ${n}`);
  return utcMsToIso(isoToUtcMs(iso) + n * DAY_MS);
}

/** Signed number of calendar days from a to b (b − a): daysBetween("2026-11-28", "2026-11-30") === 2. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((isoToUtcMs(b) - isoToUtcMs(a)) / DAY_MS);
}

/**
 * The instant Shanghai's day `iso` begins, for range queries on timestamp columns
 * (a day is [startOfShanghaiDay(d), startOfShanghaiDay(addDays(d, 1)))).
 * Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.
 */
export function startOfShanghaiDay(iso: IsoDate): Date {
  return new Date(isoToUtcMs(iso) - 8 * 3_600_000);
}

function dateParts(input: IsoDate | Date): { y: number; m: number; d: number } {
  const iso = input instanceof Date ? toShanghaiDate(input) : input;
  if (!isValidIsoDate(iso)) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) };
}

/**
 * zh "2026年11月28日", en "28 Nov 2026". A string is taken as a calendar date as is;
 * a Date is first converted to its Shanghai calendar date.
 */
export function formatDate(input: IsoDate | Date, locale: DateLocale): string {
  const { y, m, d } = dateParts(input);
  return locale === "zh-CN" ? `${y}年${m}月${d}日` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** Shanghai wall-clock time, 24 h: zh "2026-11-28 08:05", en "28 Nov 2026, 08:05". */
export function formatDateTime(d: Date, locale: DateLocale): string {
  const p = shanghaiParts(d);
  const time = `${p.hour}:${p.minute}`;
  if (locale === "zh-CN") return `${p.year}-${p.month}-${p.day} ${time}`;
  return `${Number(p.day)} ${MONTHS_EN[Number(p.month) - 1]} ${p.year}, ${time}`;
}
