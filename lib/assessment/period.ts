// Assessment periods: a calendar month, quarter or year (Shanghai dates). Scores of a period
// use the scheme in force on its first day. Pure.
import { z } from "zod";
import { monthPeriod, quarterPeriod, type Period } from "@/lib/domain/period";

export const ASSESSMENT_PERIOD_KINDS = ["month", "quarter", "year"] as const;
export type AssessmentPeriodKind = (typeof ASSESSMENT_PERIOD_KINDS)[number];
export type AssessmentPeriod = Period & { kind: AssessmentPeriodKind; key: string };

/** Query parameters of the assessment page, its export and the dashboards' assessment card. */
export const assessmentPeriodSchema = z.object({
  kind: z.enum(ASSESSMENT_PERIOD_KINDS).optional(),
  month: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/).optional(),
  year: z.string().regex(/^\d{4}$/).optional(),
});
export type AssessmentPeriodInput = z.input<typeof assessmentPeriodSchema>;

const inRange = (p: Period | null) => !!p && p.from >= "2000-01-01" && p.to <= "2099-12-31";

/**
 * The period a request names, or null when it names one that does not exist (month 2026-13).
 * Nothing named: the current month as of `today`.
 */
export function resolveAssessmentPeriod(raw: unknown, today: string): AssessmentPeriod | null {
  const parsed = assessmentPeriodSchema.safeParse(raw ?? {});
  if (!parsed.success) return null;
  const input = parsed.data;
  const kind = input.kind ?? "month";
  if (kind === "month") {
    const key = input.month ?? today.slice(0, 7);
    const p = monthPeriod(key);
    return inRange(p) ? { ...p!, kind, key } : null;
  }
  if (kind === "quarter") {
    const key = input.quarter ?? `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    const p = quarterPeriod(key);
    return inRange(p) ? { ...p!, kind, key } : null;
  }
  const key = input.year ?? today.slice(0, 4);
  const p = { from: `${key}-01-01`, to: `${key}-12-31` };
  return inRange(p) ? { ...p, kind, key } : null;
}

/**
 * The assessment period that matches a dashboard period: its month or quarter; for the year
 * to date or a range, the month it ends in (the running month, which a scheme started this
 * month already covers).
 */
export function assessmentPeriodFor(p: { kind: string; month: string; quarter: string; to: string }): AssessmentPeriodInput {
  if (p.kind === "month") return { kind: "month", month: p.month };
  if (p.kind === "quarter") return { kind: "quarter", quarter: p.quarter };
  return { kind: "month", month: p.to.slice(0, 7) };
}

/** The period as query parameters (links, export). */
export function assessmentPeriodParams(p: AssessmentPeriod): Record<string, string> {
  return p.kind === "month" ? { kind: "month", month: p.key } : p.kind === "quarter" ? { kind: "quarter", quarter: p.key } : { kind: "year", year: p.key };
}
