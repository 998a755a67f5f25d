// Reads back, through the same rollup queries the dashboards and the API use, the figures the
// article quotes, so the loader (and its test) can show they came out exactly.
import type { Db } from "@/lib/db-client";
import { previousYear } from "@/lib/domain/period";
import type { Figures } from "@/lib/domain/rollup";
import { sumRollups, type CityFilter } from "@/lib/rollups/query";
import { FIRST_LOAN_WINDOW, PROGRAMME } from "./targets";

export type ArticleFigures = { programme: Figures; window: Figures; windowLastYear: Figures };

export async function articleFigures(db: Pick<Db, "$queryRaw">, cities: CityFilter): Promise<ArticleFigures> {
  const total = async (period: { from: string; to: string }) => {
    const map = await sumRollups(db, { period, previous: previousYear(period), group: "total", filter: { cities } });
    return map.get("total") ?? { current: emptyFigures(), previous: emptyFigures() };
  };
  const [programme, window] = await Promise.all([total(PROGRAMME), total(FIRST_LOAN_WINDOW)]);
  return { programme: programme.current, window: window.current, windowLastYear: window.previous };
}

function emptyFigures(): Figures {
  return { listed: 0, needs: 0, visited: 0, credited: 0, creditAmount: "0.00", firstLoans: 0, firstLoanAmount: "0.00" };
}
