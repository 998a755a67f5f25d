import Link from "next/link";
import { ClientMessages } from "@/components/client-messages";
import { VisitOutbox } from "@/components/visit-outbox";
import { KeepOffline } from "@/components/keep-offline";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { listPool } from "@/lib/queries/list-pool";
import { poolFilterSchema, type PoolFilter } from "@/lib/queries/pool-filter";
import { formatCount } from "@/components/dashboard/figure-rows";
import { STAGES } from "@/lib/domain/stage";
import { todayInShanghai } from "@/lib/domain/dates";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { StageBadge } from "@/components/stage-badge";

export async function generateMetadata() {
  const t = await getTranslations("pool");
  return { title: t("title") };
}

export default async function PoolPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filter = poolFilterSchema.parse(await searchParams);
  const actor = await currentActor();
  const { rows, count, nextCursor, prevCursor } = await listPool(actor, filter);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const f = formatters(locale);
  const today = todayInShanghai();
  // Keyset pages: the filter stays, the cursor changes (no page numbers: counting the pages
  // of a large pool is what this page avoids).
  const pageHref = (cursor: Pick<PoolFilter, "after" | "before">) => {
    const params = new URLSearchParams();
    if (filter.q) params.set("q", filter.q);
    if (filter.stage) params.set("stage", filter.stage);
    if (filter.countyCode) params.set("countyCode", filter.countyCode);
    if (filter.branch) params.set("branch", filter.branch);
    if (filter.manager) params.set("manager", filter.manager);
    if (cursor.after) params.set("after", cursor.after);
    if (cursor.before) params.set("before", cursor.before);
    return `/pool?${params}`;
  };
  // Exact up to the bound; above it "1,000+" (counting a whole bank's matches is what costs).
  const total = count.isExact ? formatCount(count.value, locale) : `${formatCount(count.value, locale)}+`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-xl font-semibold">{actor?.role === "ACCOUNT_MANAGER" ? t("pool.myTitle") : t("pool.title")}</h1>
        <form method="get" action="/pool" className="flex flex-wrap gap-2" role="search">
          <input name="q" defaultValue={filter.q} type="search" placeholder={t("pool.searchPlaceholder")} aria-label={t("pool.search")}
            className="w-64 rounded border border-slate-300 px-3 py-2" />
          <select name="stage" defaultValue={filter.stage ?? ""} aria-label={t("pool.stageFilter")} className="rounded border border-slate-300 px-2 py-2">
            <option value="">{t("pool.allStages")}</option>
            {STAGES.map((s) => <option key={s} value={s}>{t(`stage.${s}`)}</option>)}
          </select>
          {/* Filters set by other screens (county, branch, manager) survive a new search. */}
          {filter.countyCode ? <input type="hidden" name="countyCode" value={filter.countyCode} /> : null}
          {filter.branch ? <input type="hidden" name="branch" value={filter.branch} /> : null}
          {filter.manager ? <input type="hidden" name="manager" value={filter.manager} /> : null}
          <button type="submit" className="rounded bg-slate-800 px-4 py-2 text-white">{t("pool.search")}</button>
        </form>
      </div>
      {/* A manager's visits saved offline: queued, sent or refused (sent from here too). */}
      {actor?.role === "ACCOUNT_MANAGER" ? (
        <>
          <ClientMessages namespaces={["visit", "errors"]}><VisitOutbox userId={actor.userId} /></ClientMessages>
          <p className="text-sm"><Link href="/pool/offline" className="text-brand-700 underline">{t("pool.offlineLink")}</Link></p>
          <KeepOffline paths={["/pool/offline"]} />
        </>
      ) : null}
      <p className="text-sm text-slate-600" data-testid="pool-total">{t("pool.total", { count: total })}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">{t("pool.name")}</th>
              <th className="px-3 py-2">{t("pool.uscc")}</th>
              <th className="px-3 py-2">{t("pool.region")}</th>
              <th className="px-3 py-2">{t("pool.stage")}</th>
              {actor?.role === "BANK_HEAD_OFFICE" ? <th className="px-3 py-2">{t("pool.branch")}</th> : null}
              {actor?.role !== "ACCOUNT_MANAGER" ? <th className="px-3 py-2">{t("pool.manager")}</th> : null}
              <th className="px-3 py-2">{t("pool.lastContact")}</th>
              <th className="px-3 py-2">{t("pool.nextFollowUp")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.clientId} className="border-t border-slate-100 hover:bg-slate-50">
                <td className="px-3 py-2"><Link className="text-brand-700 hover:underline" href={`/enterprises/${row.enterpriseId}`}>{row.name}</Link></td>
                <td className="px-3 py-2 font-mono text-xs">{row.uscc}</td>
                <td className="px-3 py-2 whitespace-nowrap">{f.region(row.cityCode)} · {f.region(row.countyCode)}</td>
                <td className="px-3 py-2"><StageBadge stage={row.stage} /></td>
                {actor?.role === "BANK_HEAD_OFFICE" ? <td className="px-3 py-2 whitespace-nowrap">{row.branchName ?? t("pool.atHeadOffice")}</td> : null}
                {actor?.role !== "ACCOUNT_MANAGER" ? (
                  <td className="px-3 py-2 whitespace-nowrap">
                    {row.managerName ?? "—"}
                    {row.isManagerActive === false ? <span className="text-red-700">{t("pool.managerDisabled")}</span> : null}
                  </td>
                ) : null}
                <td className="px-3 py-2 whitespace-nowrap">{row.lastContactOn ? f.date(row.lastContactOn) : "—"}</td>
                <td className={`px-3 py-2 whitespace-nowrap ${row.nextFollowUpOn && row.nextFollowUpOn <= today ? "font-medium text-red-700" : ""}`}>
                  {row.nextFollowUpOn ? f.date(row.nextFollowUpOn) : "—"}
                </td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr><td colSpan={8} className="px-3 py-8 text-center text-slate-500">{t("pool.empty")}</td></tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <nav className="flex items-center gap-3 text-sm" aria-label={t("pool.pages")}>
        {prevCursor ? <Link className="rounded border px-3 py-1" href={pageHref({ before: prevCursor })}>{t("pool.previous")}</Link> : null}
        {nextCursor ? <Link className="rounded border px-3 py-1" href={pageHref({ after: nextCursor })}>{t("pool.next")}</Link> : null}
      </nav>
    </div>
  );
}
