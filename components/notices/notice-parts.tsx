// The parts of a notice page, rendered on the server as plain tables (they print as they
// show). Labels come from the caller's translator; money through the one formatter.
import { FIGURE_KEYS, type FigureKey } from "@/lib/domain/rollup";
import type { Change, Flag, FunnelBlock, FunnelScope, RankRow } from "@/lib/domain/notice";
import type { RestatementView } from "@/lib/queries/notices";
import { formatCount, yoyText } from "@/components/dashboard/figure-rows";

export type T = (key: string, values?: Record<string, string | number>) => string;
export type Fmt = { amount: (v: string) => string; dateTime: (iso: string) => string };

const th = "border border-slate-300 bg-slate-50 px-2 py-1 text-left font-medium";
const td = "border border-slate-300 px-2 py-1";
const num = `${td} text-right tabular-nums`;

export function ratioText(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(1)}%`;
}
export function yoyNumber(value: number | null): string {
  return value === null ? "—" : yoyText(value.toFixed(1));
}
function daysText(value: number | null): string {
  return value === null ? "—" : value.toFixed(1);
}

function figureText(key: FigureKey, block: FunnelBlock["current"], f: Fmt, locale: string): string {
  const v = block[key];
  return typeof v === "number" ? formatCount(v, locale) : f.amount(v);
}

/** The funnel: a row per figure; month and year to date, each with last year and YoY. */
export function FunnelTable({ scope, t, f, locale, testId }: { scope: FunnelScope; t: T; f: Fmt; locale: string; testId: string }) {
  const blocks = [["month", scope.month], ["ytd", scope.ytd]] as const;
  return (
    <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600">
      <table className="min-w-full border-collapse text-sm" data-testid={testId}>
        <thead>
          <tr>
            <th className={th} rowSpan={2}>{t("funnel.item")}</th>
            {blocks.map(([key]) => <th key={key} className={`${th} text-center`} colSpan={3}>{t(`funnel.${key}`)}</th>)}
          </tr>
          <tr>
            {blocks.map(([key]) => [
              <th key={`${key}-c`} className={th}>{t(`funnel.${key}`)}</th>,
              <th key={`${key}-p`} className={th}>{t("funnel.lastYear")}</th>,
              <th key={`${key}-y`} className={th}>{t("funnel.yoy")}</th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {FIGURE_KEYS.map((key) => (
            <tr key={key} data-testid={`${testId}-${key}`}>
              <td className={td}>{t(`figures.${key}`)}</td>
              {blocks.map(([b, block]) => [
                <td key={`${b}-c`} className={num} data-testid={`${testId}-${key}-${b}`}>{figureText(key, block.current, f, locale)}</td>,
                <td key={`${b}-p`} className={num}>{figureText(key, block.previous, f, locale)}</td>,
                <td key={`${b}-y`} className={num} data-testid={`${testId}-${key}-${b}-yoy`}>{yoyText(block.yoy[key])}</td>,
              ])}
            </tr>
          ))}
          <tr>
            <td className={td}>{t("funnel.conversion")}</td>
            {blocks.map(([b, block]) => [
              <td key={`${b}-c`} className={num}>{ratioText(block.conversion)}</td>,
              <td key={`${b}-p`} className={num}>{ratioText(block.previousConversion)}</td>,
              <td key={`${b}-y`} className={num}>—</td>,
            ])}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** A ranking: each row with its figures and, beside each measure, its rank. */
export function RankingTable({ rows, nameLabel, t, f, locale, testId, highlight }: {
  rows: RankRow[]; nameLabel: string; t: T; f: Fmt; locale: string; testId: string; highlight?: string;
}) {
  const rank = (r: number | null) => (r === null ? "" : ` (${r})`);
  return (
    <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600">
      <table className="min-w-full border-collapse text-sm" data-testid={testId}>
        <thead>
          <tr>
            <th className={th}>{t("rankings.rank")}</th>
            <th className={th}>{nameLabel}</th>
            <th className={th}>{t("rankings.monthFirstLoans")}</th>
            <th className={th}>{t("rankings.firstLoans")}</th>
            <th className={th}>{t("rankings.firstLoansYoy")}</th>
            <th className={th}>{t("figures.firstLoanAmount")}</th>
            <th className={th}>{t("rankings.coverage")}</th>
            <th className={th}>{t("rankings.conversion")}</th>
            <th className={th}>{t("rankings.creditShare")}</th>
            <th className={th}>{t("rankings.medianDays")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} className={r.code === highlight ? "bg-amber-50 font-medium" : undefined} data-testid={`${testId}-row`}>
              <td className={num}>{r.ranks.firstLoans ?? "—"}</td>
              <td className={td}>{locale === "en" ? r.nameEn : r.name}</td>
              <td className={num}>{formatCount(r.monthFirstLoans, locale)}</td>
              <td className={num}>{formatCount(r.firstLoans, locale)}</td>
              <td className={num}>{yoyNumber(r.firstLoansYoy)}{rank(r.ranks.firstLoansYoy)}</td>
              <td className={num}>{f.amount(r.firstLoanAmount)}</td>
              <td className={num}>{ratioText(r.coverage)}{rank(r.ranks.coverage)}</td>
              <td className={num}>{ratioText(r.conversion)}{rank(r.ranks.conversion)}</td>
              <td className={num}>{ratioText(r.creditShare)}{rank(r.ranks.creditShare)}</td>
              <td className={num}>{daysText(r.medianDays)}{rank(r.ranks.medianDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function metricValue(metric: Flag["metric"], value: number): string {
  if (metric === "firstLoansYoy") return yoyNumber(value);
  if (metric === "medianDays") return daysText(value);
  return ratioText(value);
}

export function ruleText(rule: { metric: Flag["metric"]; comparator: "lt" | "gt"; threshold: string }, t: T): string {
  const n = Number(rule.threshold);
  const threshold = rule.metric === "firstLoansYoy" ? `${n}%` : rule.metric === "medianDays" ? `${n}` : `${(n * 100).toFixed(1)}%`;
  return t("flags.rule", { metric: t(`metrics.${rule.metric}`), comparator: t(`flags.${rule.comparator}`), threshold });
}

export function FlagsTable({ flags, t, locale, testId }: { flags: Flag[]; t: T; locale: string; testId: string }) {
  if (!flags.length) return <p className="text-sm text-slate-600" data-testid={testId}>{t("flags.none")}</p>;
  return (
    <table className="min-w-full border-collapse text-sm" data-testid={testId}>
      <thead>
        <tr><th className={th}>{t("flags.bank")}</th><th className={th}>{t("flags.metric")}</th><th className={th}>{t("flags.value")}</th></tr>
      </thead>
      <tbody>
        {flags.map((x) => (
          <tr key={`${x.bankId}:${x.metric}:${x.comparator}:${x.threshold}`}>
            <td className={td}>{locale === "en" ? x.nameEn : x.name}</td>
            <td className={td}>{ruleText(x, t)}</td>
            <td className={num}>{metricValue(x.metric, x.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function changeValue(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "object") return JSON.stringify(v).slice(0, 80);
  return String(v);
}

const MAX_CHANGES = 40;

/** "Restated": when, and what changed (the published figures stay as they were). */
export function RestatedBanner({ restatements, t, f, names = {} }: { restatements: RestatementView[]; t: T; f: Fmt; names?: Record<string, string> }) {
  if (!restatements.length) return null;
  const label = (path: string) => changeLabel(path, t, names);
  return (
    <section className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="restated-banner">
      <h2 className="font-semibold text-amber-900">{t("restated.title")}</h2>
      <p className="text-amber-900">{t("restated.body")}</p>
      {restatements.map((r) => (
        <div key={r.restatedAt} className="mt-2">
          <p className="font-medium">{t("restated.at", { at: f.dateTime(r.restatedAt) })}</p>
          <table className="mt-1 min-w-full border-collapse bg-white text-xs">
            <thead><tr><th className={th}>{t("restated.item")}</th><th className={th}>{t("restated.before")}</th><th className={th}>{t("restated.after")}</th></tr></thead>
            <tbody>
              {r.changes.slice(0, MAX_CHANGES).map((c: Change) => (
                <tr key={c.path}><td className={td}>{label(c.path)}</td><td className={num}>{changeValue(c.before)}</td><td className={num}>{changeValue(c.after)}</td></tr>
              ))}
            </tbody>
          </table>
          {r.changes.length > MAX_CHANGES ? <p className="text-xs text-slate-600">{t("restated.more", { count: r.changes.length - MAX_CHANGES })}</p> : null}
        </div>
      ))}
    </section>
  );
}

// A change's path (funnel.excludingNingbo.ytd.current.firstLoans, rankings.banks[<id>].coverage)
// in words: each known segment translated, bank ids and city codes as names; unknown
// segments as they are.
const SEGMENTS: Record<string, string> = {
  funnel: "funnel.title", excludingNingbo: "funnel.scopeExcl", all: "funnel.scopeAll", ningboOnly: "funnel.scopeNingbo",
  month: "funnel.month", ytd: "funnel.ytd", previous: "funnel.lastYear", yoy: "funnel.yoy", conversion: "rankings.conversion",
  previousConversion: "funnel.lastYear", banks: "rankings.bank", cities: "rankings.city", ranks: "rankings.rank", flags: "flags.title",
  monthFirstLoans: "rankings.monthFirstLoans", firstLoansYoy: "rankings.firstLoansYoy", firstLoansPrevious: "funnel.lastYear",
  contacted: "rankings.contacted", loansWithLine: "rankings.loansWithLine", creditLoans: "rankings.creditLoans",
  coverage: "rankings.coverage", creditShare: "rankings.creditShare", medianDays: "rankings.medianDays",
  listed: "figures.listed", needs: "figures.needs", visited: "figures.visited", credited: "figures.credited",
  creditAmount: "figures.creditAmount", firstLoans: "figures.firstLoans", firstLoanAmount: "figures.firstLoanAmount",
};
const SKIPPED = new Set(["current", "rankings", "figures"]);

export function changeLabel(path: string, t: T, names: Record<string, string>): string {
  return path
    .split(/\.|(?=\[)/)
    .filter((part) => part && !SKIPPED.has(part))
    .map((part) => {
      const key = /^\[(.+)\]$/.exec(part)?.[1];
      if (key !== undefined) return names[key] ?? key;
      return SEGMENTS[part] ? t(SEGMENTS[part]) : part;
    })
    .join(" · ");
}
