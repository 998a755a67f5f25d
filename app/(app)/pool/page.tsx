import Link from "next/link";
import { notFound } from "next/navigation";
import { ClientMessages } from "@/components/client-messages";
import { VisitOutbox } from "@/components/visit-outbox";
import { KeepOffline } from "@/components/keep-offline";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { listPool, type PoolRow } from "@/lib/queries/list-pool";
import { poolFilterParams, poolFilterSchema, type PoolFilter, type PoolSort } from "@/lib/queries/pool-filter";
import { getPoolFilterChoices } from "@/lib/queries/pool-filter-choices";
import { formatCount } from "@/components/dashboard/figure-rows";
import { todayInShanghai } from "@/lib/domain/dates";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { StageBadge } from "@/components/stage-badge";
import { PoolFilterBar } from "@/components/pool/pool-filter-bar";
import { FollowUpText } from "@/components/pool/follow-up-text";
import { SelectPage } from "@/components/pool/select-page";
import { poolHref } from "@/components/pool/pool-href";

export async function generateMetadata() {
  const t = await getTranslations("pool");
  return { title: t("title") };
}

const SELECTION_FORM = "pool-selection";

export default async function PoolPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filter = poolFilterSchema.parse(await searchParams);
  const actor = await currentActor();
  // Regulators have no pool (and never read a bank's clients): the page does not exist for them.
  if (!actor || actor.role === "REGULATOR") notFound();
  const [{ rows, count, nextCursor, prevCursor }, choices] = await Promise.all([listPool(actor, filter), getPoolFilterChoices(actor, filter)]);
  if (!choices) notFound();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const f = formatters(locale);
  const today = todayInShanghai();
  const isHeadOffice = actor.role === "BANK_HEAD_OFFICE";
  const isManager = actor.role === "ACCOUNT_MANAGER";
  const canAssign = isHeadOffice || actor.role === "BRANCH_HEAD";
  // Keyset pages: the filter and sort stay, the cursor changes (no page numbers: counting the
  // pages of a large pool is what this page avoids).
  const pageHref = (cursor: Pick<PoolFilter, "after" | "before">) => poolHref(filter, { after: cursor.after, before: cursor.before });
  // Exact up to the bound; above it "1,000+" (counting a whole bank's matches is what costs).
  const total = count.isExact ? formatCount(count.value, locale) : `${formatCount(count.value, locale)}+`;
  const exportParams = poolFilterParams(filter, { withSort: true });
  // "All matching" on the assignment page: its defaults (head office: waiting clients, a
  // branch head: no manager) would narrow the selection, so "all" is sent explicitly.
  const assignParams = new URLSearchParams({ branch: "", manager: "", ...poolFilterParams(filter) });

  const sortHeader = (sort: PoolSort, label: string) => {
    const active = (filter.sort ?? "name") === sort;
    return (
      <th scope="col" className="px-3 py-2" aria-sort={active ? (filter.desc ? "descending" : "ascending") : "none"}>
        <Link href={poolHref(filter, { sort: sort === "name" ? undefined : sort, desc: active && !filter.desc, after: undefined, before: undefined })}
          className="inline-flex items-center gap-1 hover:text-brand-700" data-testid={`sort-${sort}`}>
          {label}
          <span className="sr-only">{t("poolList.sortBy", { column: label })}{active ? (filter.desc ? t("poolList.sortedDesc") : t("poolList.sortedAsc")) : ""}</span>
          <span aria-hidden className="text-xs">{active ? (filter.desc ? "▼" : "▲") : "↕"}</span>
        </Link>
      </th>
    );
  };
  const tick = (row: PoolRow) => (
    <input type="checkbox" form={SELECTION_FORM} name="id" value={row.clientId} aria-label={t("poolList.select", { name: row.name })} className="h-4 w-4" />
  );

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{isManager ? t("pool.myTitle") : t("pool.title")}</h1>
      <PoolFilterBar actor={actor} filter={filter} choices={choices} />
      {/* A manager's visits saved offline: queued, sent or refused (sent from here too). */}
      {isManager ? (
        <>
          <ClientMessages namespaces={["visit", "errors"]}><VisitOutbox userId={actor.userId} /></ClientMessages>
          <p className="text-sm"><Link href="/pool/offline" className="text-brand-700 underline">{t("pool.offlineLink")}</Link></p>
          <KeepOffline paths={["/pool/offline"]} />
        </>
      ) : null}
      <p className="text-sm text-slate-600" data-testid="pool-total">{t("pool.total", { count: total })}</p>

      {/* Bulk actions: the ticked clients, or (none ticked) every client matching the filter. */}
      <form id={SELECTION_FORM} method="get" action="/api/v1/exports/pool" aria-label={t("poolList.selection")}
        className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="pool-selection">
        {Object.entries(exportParams).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
        <SelectPage form={SELECTION_FORM} label={t("poolList.selectPage")} />
        <span className="text-slate-600">{t("poolList.selectionHint", { count: total })}</span>
        <button type="submit" name="format" value="csv" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100" data-testid="pool-export-csv">{t("poolList.exportCsv")}</button>
        <button type="submit" name="format" value="xlsx" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100" data-testid="pool-export-xlsx">{t("poolList.exportXlsx")}</button>
        {canAssign && count.value > 0 ? (
          <Link href={`/assign?${assignParams}`} className="text-brand-700 underline" data-testid="pool-assign">{t("poolList.assignMatching", { count: total })}</Link>
        ) : null}
      </form>

      {/* Wider than a phone: the table. */}
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white min-[641px]:block">
        <table className="min-w-full text-sm" data-testid="pool-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              {sortHeader("name", t("pool.name"))}
              <th scope="col" className="px-3 py-2">{t("pool.uscc")}</th>
              <th scope="col" className="px-3 py-2">{t("pool.region")}</th>
              <th scope="col" className="px-3 py-2">{t("pool.stage")}</th>
              {isHeadOffice ? <th scope="col" className="px-3 py-2">{t("pool.branch")}</th> : null}
              {!isManager ? <th scope="col" className="px-3 py-2">{t("pool.manager")}</th> : null}
              {sortHeader("lastContact", t("pool.lastContact"))}
              {sortHeader("nextFollowUp", t("pool.nextFollowUp"))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.clientId} className="border-t border-slate-100 hover:bg-slate-50" data-testid="pool-row">
                {/* The tick sits in the name's cell: the name stays the row's first cell and only link. */}
                <td className="px-3 py-2">
                  <span className="inline-flex items-start gap-2">{tick(row)}<Link className="text-brand-700 hover:underline" href={`/enterprises/${row.enterpriseId}`}>{row.name}</Link></span>
                </td>
                <td className="px-3 py-2 font-mono text-xs">{row.uscc}</td>
                <td className="px-3 py-2 whitespace-nowrap">{f.region(row.cityCode)} · {f.region(row.countyCode)}</td>
                <td className="px-3 py-2"><StageBadge stage={row.stage} /></td>
                {isHeadOffice ? <td className="px-3 py-2 whitespace-nowrap">{row.branchName ?? t("pool.atHeadOffice")}</td> : null}
                {!isManager ? (
                  <td className="px-3 py-2 whitespace-nowrap">
                    {row.managerName ?? "—"}
                    {row.isManagerActive === false ? <span className="text-red-700">{t("pool.managerDisabled")}</span> : null}
                  </td>
                ) : null}
                <td className="px-3 py-2 whitespace-nowrap">{row.lastContactOn ? f.date(row.lastContactOn) : t("poolList.neverContacted")}</td>
                <td className="px-3 py-2 whitespace-nowrap"><FollowUpText on={row.nextFollowUpOn} today={today} format={f.date} /></td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr><td colSpan={8} className="px-3 py-8 text-center text-slate-500">{t("pool.empty")}</td></tr>
            ) : null}
          </tbody>
        </table>
      </div>

      {/* A phone (640 px and narrower): one card per client. */}
      <ul className="space-y-2 min-[641px]:hidden" aria-label={t("poolList.cards")} data-testid="pool-cards">
        {rows.map((row) => (
          <li key={row.clientId} className="flex gap-3 rounded-lg border border-slate-200 bg-white p-3" data-testid="pool-card">
            <div className="pt-1">{tick(row)}</div>
            <div className="min-w-0 flex-1 space-y-1">
              <div className="flex items-start justify-between gap-2">
                <Link className="font-medium text-brand-700 hover:underline" href={`/enterprises/${row.enterpriseId}`}>{row.name}</Link>
                <StageBadge stage={row.stage} />
              </div>
              <p className="text-sm">
                <span className="text-slate-600">{t("pool.nextFollowUp")}：</span>
                <FollowUpText on={row.nextFollowUpOn} today={today} format={f.date} />
              </p>
              <p className="text-xs text-slate-600">
                {f.region(row.countyCode)}
                {!isManager && row.managerName ? ` · ${row.managerName}` : ""}
                {` · ${t("pool.lastContact")} ${row.lastContactOn ? f.date(row.lastContactOn) : t("poolList.neverContacted")}`}
              </p>
            </div>
          </li>
        ))}
        {rows.length === 0 ? <li className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-500">{t("pool.empty")}</li> : null}
      </ul>

      <nav className="flex items-center gap-3 text-sm" aria-label={t("pool.pages")}>
        {prevCursor ? <Link className="rounded border px-3 py-1" href={pageHref({ before: prevCursor })}>{t("pool.previous")}</Link> : null}
        {nextCursor ? <Link className="rounded border px-3 py-1" href={pageHref({ after: nextCursor })}>{t("pool.next")}</Link> : null}
      </nav>
    </div>
  );
}
