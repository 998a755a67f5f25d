import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { MARKET_FLAG_KINDS, flagFilterSchema, listMarketFlags } from "@/lib/queries/market-flags";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { inputClass } from "@/components/form-feedback";
import { flagSummary } from "@/components/market/flag-summary";

export async function generateMetadata() {
  const t = await getTranslations("market");
  return { title: t("title") };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// 市场秩序: the flags the daily scan raised, within the regulator's jurisdiction, by kind and
// review status. Each row opens the enterprise's aggregate facts (/market/[id]).
export default async function MarketPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  const params = await searchParams;
  const raw = { kind: first(params.kind) || undefined, status: first(params.status), page: first(params.page) };
  const list = await listMarketFlags(actor, raw);
  // Banks see no flags: for them the page does not exist.
  if (!list) notFound();
  const filter = flagFilterSchema.parse(raw);
  const t = await getTranslations("market");
  const locale = toLocale(await getLocale());
  const f = formatters(locale);
  const en = locale === "en";
  const pageHref = (page: number) => `/market?${new URLSearchParams({ ...(filter.kind ? { kind: filter.kind } : {}), status: filter.status, page: String(page) })}`;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));

  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="max-w-4xl text-sm text-slate-600">{t("intro")}</p>

      <div className="grid gap-3 sm:grid-cols-3">
        {MARKET_FLAG_KINDS.map((kind) => (
          <a key={kind} href={`/market?kind=${kind}&status=open`} className="rounded-lg border border-slate-200 bg-white p-3 hover:bg-slate-50" data-testid={`open-${kind}`}>
            <div className="text-sm font-medium">{t(`kinds.${kind}`)}</div>
            <div className="text-xs text-slate-500">{t("list.openCount", { count: list.openByKind[kind] })}</div>
            <div className="mt-1 text-xs text-slate-500">{t(`kindHelp.${kind}`)}</div>
          </a>
        ))}
      </div>

      <form method="get" action="/market" className="flex flex-wrap items-end gap-3 text-sm" data-testid="market-filter">
        <label className="block">
          <span className="text-slate-600">{t("filter.kind")}</span>
          <select name="kind" defaultValue={filter.kind ?? ""} className={inputClass}>
            <option value="">{t("filter.allKinds")}</option>
            {MARKET_FLAG_KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
          </select>
        </label>
        <label className="block">
          <span className="text-slate-600">{t("filter.status")}</span>
          <select name="status" defaultValue={filter.status} className={inputClass}>
            {(["open", "reviewed", "all"] as const).map((s) => <option key={s} value={s}>{t(`filter.${s}`)}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-300 px-3 py-2 hover:bg-slate-100">{t("filter.show")}</button>
      </form>

      {list.rows.length ? (
        <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600">
          <table className="w-full border-collapse rounded-lg bg-white text-sm" data-testid="flag-table">
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th className="px-3 py-2">{t("list.kind")}</th>
                <th className="px-3 py-2">{t("list.enterprise")}</th>
                <th className="px-3 py-2">{t("list.region")}</th>
                <th className="px-3 py-2">{t("list.summary")}</th>
                <th className="px-3 py-2">{t("list.detectedAt")}</th>
                <th className="px-3 py-2">{t("list.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-100" data-testid={`flag-${r.id}`}>
                  <td className="px-3 py-2">{t(`kinds.${r.kind}`)}</td>
                  <td className="px-3 py-2"><Link href={`/market/${r.id}`} className="text-brand-700 hover:underline">{r.enterpriseName}</Link></td>
                  <td className="px-3 py-2">{f.region(r.cityCode)} · {f.region(r.countyCode)}</td>
                  <td className="px-3 py-2">{flagSummary(t, r.kind, r.facts, en)}</td>
                  <td className="px-3 py-2 tabular-nums">{f.dateTime(r.detectedAt)}</td>
                  <td className="px-3 py-2">{r.reviewedAt ? t("list.reviewed") : t("list.open")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p className="text-sm text-slate-500" data-testid="flag-empty">{t("list.empty")}</p>}

      <div className="flex items-center gap-4 text-sm">
        <span>{t("list.total", { total: list.total })}</span>
        {list.page > 1 ? <a className="text-brand-700 hover:underline" href={pageHref(list.page - 1)}>{t("list.previous")}</a> : null}
        {list.page < pages ? <a className="text-brand-700 hover:underline" href={pageHref(list.page + 1)}>{t("list.next")}</a> : null}
      </div>
    </div>
  );
}
