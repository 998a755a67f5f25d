// Reporting periods for dashboards and the province API. A period is an inclusive range of
// Shanghai calendar dates; the picker offers a month, a quarter, the year to date, or any
// from–to, and every figure is shown beside the same period one year earlier.
import { isValidIsoDate, todayInShanghai, type IsoDate } from "@/lib/domain/dates";

export type Period = { from: IsoDate; to: IsoDate };
export type PeriodKind = "month" | "quarter" | "ytd" | "range";
export const PERIOD_KINDS: readonly PeriodKind[] = ["month", "quarter", "ytd", "range"];

/** Longest range a caller may ask for (the rollups are cheap, but keep requests bounded). */
export const MAX_PERIOD_DAYS = 366 * 10;
export const EARLIEST_DAY = "2000-01-01";

export type PeriodInput = {
  period?: string;
  month?: string; // YYYY-MM
  quarter?: string; // YYYY-Qn
  from?: string;
  to?: string;
};

export type ResolvedPeriod = Period & { kind: PeriodKind; month: string; quarter: string };

// Day 0 of the next month is the last day of this one. Works for any four-digit year (9999-12
// included: the range check, not a RangeError, turns such a period down).
function lastDayOfMonth(year: number, month: number): IsoDate {
  const t = new Date(0);
  t.setUTCFullYear(year, month, 0);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(t.getUTCDate()).padStart(2, "0")}`;
}

export function monthPeriod(month: string): Period | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  return { from: `${m[1]}-${m[2]}-01`, to: lastDayOfMonth(year, mo) };
}

export function quarterPeriod(quarter: string): Period | null {
  const m = /^(\d{4})-Q([1-4])$/i.exec(quarter);
  if (!m) return null;
  const year = Number(m[1]);
  const q = Number(m[2]);
  const first = (q - 1) * 3 + 1;
  return { from: `${m[1]}-${String(first).padStart(2, "0")}-01`, to: lastDayOfMonth(year, first + 2) };
}

export function yearToDate(asOf: IsoDate): Period {
  return { from: `${asOf.slice(0, 4)}-01-01`, to: asOf };
}

export function isValidPeriod(p: Period): boolean {
  if (!isValidIsoDate(p.from) || !isValidIsoDate(p.to)) return false;
  if (p.from > p.to || p.from < EARLIEST_DAY || p.to > "2099-12-31") return false;
  const days = (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000;
  return days <= MAX_PERIOD_DAYS;
}

function requestedKind(input: PeriodInput): PeriodKind | "unknown" {
  if (input.period) return (PERIOD_KINDS as readonly string[]).includes(input.period) ? (input.period as PeriodKind) : "unknown";
  return input.from || input.to ? "range" : "ytd";
}

/**
 * Whether the period a request names exists: the fields that matter for its kind (the picker
 * sends them all) make a valid period. No period at all is valid (the year to date). Pages
 * answer 404 and exports 400 when this is false, instead of quietly showing another period.
 */
export function isValidPeriodRequest(input: PeriodInput): boolean {
  const kind = requestedKind(input);
  if (kind === "unknown") return false;
  if (kind === "ytd") return !input.to || (isValidIsoDate(input.to) && isValidPeriod(yearToDate(input.to)));
  const period =
    kind === "month" ? monthPeriod(input.month ?? "")
    : kind === "quarter" ? quarterPeriod(input.quarter ?? "")
    : input.from && input.to ? { from: input.from, to: input.to } : null;
  return period !== null && isValidPeriod(period);
}

/**
 * Reads the picker's fields; anything missing or invalid falls back to the year to date as of
 * `today`. Plain from/to (as links and the API use) count as a range.
 */
export function resolvePeriod(input: PeriodInput, today: IsoDate = todayInShanghai()): ResolvedPeriod {
  const kind = (PERIOD_KINDS as readonly string[]).includes(input.period ?? "")
    ? (input.period as PeriodKind)
    : input.from || input.to ? "range" : "ytd";
  let period: Period | null = null;
  if (kind === "month" && input.month) period = monthPeriod(input.month);
  if (kind === "quarter" && input.quarter) period = quarterPeriod(input.quarter);
  if (kind === "range" && input.from && input.to) period = { from: input.from, to: input.to };
  if (kind === "ytd") period = yearToDate(input.to && isValidIsoDate(input.to) ? input.to : today);
  const chosen = period && isValidPeriod(period) ? period : yearToDate(today);
  const effectiveKind = period && isValidPeriod(period) ? kind : "ytd";
  return {
    ...chosen,
    kind: effectiveKind,
    month: chosen.from.slice(0, 7),
    quarter: `${chosen.from.slice(0, 4)}-Q${Math.floor((Number(chosen.from.slice(5, 7)) - 1) / 3) + 1}`,
  };
}

/** The same calendar days one year earlier (29 February maps to 28 February). */
export function sameDayLastYear(day: IsoDate): IsoDate {
  const year = String(Number(day.slice(0, 4)) - 1).padStart(4, "0");
  const md = day.slice(5);
  return md === "02-29" ? `${year}-02-28` : `${year}-${md}`;
}

export function previousYear(p: Period): Period {
  return { from: sameDayLastYear(p.from), to: sameDayLastYear(p.to) };
}
