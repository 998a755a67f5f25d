// GET /api/v1/rollups/province — the province rollup for regulators' systems, as a function
// of (actor, query) so tests call it with real actors; the route file is a thin shell.
//
//   ?from=YYYY-MM-DD&to=YYYY-MM-DD   required, inclusive Shanghai dates (at most 10 years)
//   &ningbo=include|exclude         default: the regulator's jurisdiction (Ningbo's own bureau
//                                   always gets Ningbo only; bank head office: include)
//   &by=city|county|bank            default city; &city=330400 narrows by=county or by=bank to
//                                   one city, &county=330483 narrows by=bank to one county
//
// 401 signed out (or disabled), 403 for roles without rollup access (managers, branch heads),
// 400 for bad parameters; none of them carries any figure. Amounts are decimal strings in 元.
import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { rollupScope } from "@/lib/auth/scope";
import { isValidPeriod } from "@/lib/domain/period";
import { isValidIsoDate } from "@/lib/domain/dates";
import type { Figures } from "@/lib/domain/rollup";
import { ROLLUP_BY, getProvinceRollup, type RollupRow } from "@/lib/queries/province-rollup";

export type ApiResult = { status: number; body: unknown };

const isoDay = z.string().refine(isValidIsoDate, "expected YYYY-MM-DD");
const querySchema = z
  .strictObject({
    from: isoDay,
    to: isoDay,
    ningbo: z.enum(["include", "exclude"]).optional(),
    by: z.enum(ROLLUP_BY).optional(),
    city: z.string().regex(/^33\d{2}00$/, "expected a city code such as 330400").optional(),
    county: z.string().regex(/^33\d{2}(?!00)\d{2}$/, "expected a county code such as 330483").optional(),
  })
  .refine((q) => isValidPeriod({ from: q.from, to: q.to }), { message: "from must not be after to; at most 10 years; 2000–2099", path: ["to"] });

export const DEFINITIONS = {
  listed: "Enterprises whose first listing (any of the five lists) falls in the period; for a bank row: listed enterprises that entered the bank's pool in the period.",
  needRaised: "Listed enterprises whose first financing need was raised in the period.",
  visitedOnSite: "Listed enterprises whose first on-site visit falls in the period.",
  credited: "Listed enterprises whose first approved credit line was decided in the period.",
  creditAmount: "Sum of approved credit lines of listed enterprises decided in the period (元).",
  newFirstLoans: "Enterprises, listed or not, whose first-ever bank loan (首贷) was disbursed in the period; newFirstLoanAmount sums those loans (元).",
  conversion: "credited ÷ visitedOnSite, as the regulator quotes it.",
  yoyPercent: "Change against the same calendar days one year earlier, in percent; null when last year was zero.",
  bankRows: "An enterprise served by two banks counts in both banks' rows: bank rows may add up to more than the total. Amounts add up.",
} as const;

function figuresJson(f: Figures) {
  return {
    listed: f.listed,
    needRaised: f.needs,
    visitedOnSite: f.visited,
    credited: f.credited,
    creditAmount: f.creditAmount,
    newFirstLoans: f.firstLoans,
    newFirstLoanAmount: f.firstLoanAmount,
  };
}

function rowJson(row: RollupRow) {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    ...figuresJson(row.current),
    conversion: row.conversion,
    previous: { ...figuresJson(row.previous), conversion: row.previousConversion },
    yoyPercent: {
      listed: row.yoy.listed,
      needRaised: row.yoy.needs,
      visitedOnSite: row.yoy.visited,
      credited: row.yoy.credited,
      creditAmount: row.yoy.creditAmount,
      newFirstLoans: row.yoy.firstLoans,
      newFirstLoanAmount: row.yoy.firstLoanAmount,
    },
  };
}

export async function provinceRollupApi(actor: Actor | null, searchParams: URLSearchParams): Promise<ApiResult> {
  if (!actor) return { status: 401, body: { error: "unauthenticated" } };
  const scope = rollupScope(actor);
  if (!scope || (scope.level !== "province" && scope.level !== "bank")) return { status: 403, body: { error: "forbidden" } };

  const raw: Record<string, string> = {};
  for (const [key, value] of searchParams) raw[key] = value;
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ parameter: i.path.join(".") || (i.code === "unrecognized_keys" ? i.keys.join(",") : ""), message: i.message }));
    return { status: 400, body: { error: "invalid_parameters", issues } };
  }
  const q = parsed.data;
  const rollup = await getProvinceRollup(actor, { period: "range", from: q.from, to: q.to, ningbo: q.ningbo, by: q.by, city: q.city, county: q.county });
  if (!rollup) return { status: 403, body: { error: "forbidden" } };
  return {
    status: 200,
    body: {
      scope: rollup.scope === "bank" ? { level: "bank", bankId: scope.level === "bank" ? scope.bankId : null } : { level: "province" },
      period: { from: rollup.period.from, to: rollup.period.to },
      previousPeriod: rollup.previousPeriod,
      ningbo: rollup.ningbo,
      by: rollup.by,
      city: rollup.city,
      county: rollup.county,
      currency: "CNY",
      totals: rowJson(rollup.totals),
      rows: rollup.rows.map(rowJson),
      definitions: DEFINITIONS,
    },
  };
}
