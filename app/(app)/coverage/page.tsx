import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { getCoverage } from "@/lib/queries/coverage";
import { coverageParamsSchema } from "@/lib/schemas/allocation";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { CoverageTable } from "@/components/allocation/coverage-table";

export async function generateMetadata() {
  const t = await getTranslations("allocation.coverage");
  return { title: t("title") };
}

// How far distribution has reached, per city → county and per responsible bank: listed,
// allocated, assigned to a manager, contacted. Regulators see the province (Ningbo switch as
// on the regulator page); a bank's head office sees its own bank only. Counts, no contact data.
export default async function CoveragePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await currentActor();
  const params = coverageParamsSchema.parse(await searchParams);
  const view = await getCoverage(actor, params);
  if (!view) redirect("/");
  const t = await getTranslations("allocation.coverage");
  const locale = toLocale(await getLocale());
  const f = formatters(locale);
  const en = locale === "en";
  const ningboParam = view.ningbo === "only" ? undefined : view.ningbo;
  const href = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ningbo: ningboParam, ...extra })) if (v) q.set(k, v);
    const s = q.toString();
    return s ? `/coverage?${s}` : "/coverage";
  };
  const labels = {
    listed: view.scope === "bank" ? t("listedBank") : t("listed"),
    allocated: t("allocated"), assigned: t("assigned"), contacted: t("contacted"),
    allocatedRatio: t("allocatedRatio"), assignedRatio: t("assignedRatio"), contactedRatio: t("contactedRatio"),
    total: t("total"), empty: t("empty"),
  };
  const regionRows = view.regions.map((r) => ({
    ...r,
    key: r.code,
    label: en ? r.nameEn : r.name,
    href: view.city ? undefined : href({ city: r.code }),
    sub: view.city ? undefined : t("drillDown"),
  }));
  const bankRows = view.banks.map((b) => ({ ...b, key: b.code || "unallocated", label: b.code ? (en ? b.nameEn : b.name) : t("unallocated") }));
  const scopeText = view.ningbo === "only" ? t("ningboOnly") : view.ningbo === "exclude" ? t("ningboExclude") : t("ningboInclude");
  const field = "rounded border border-slate-300 px-2 py-1.5 text-sm";

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{view.scope === "bank" ? t("titleBank") : t("title")}</h1>
        <p className="text-sm text-slate-600" data-testid="coverage-scope">{scopeText}</p>
      </div>
      <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>

      {view.canSwitchNingbo ? (
        <form method="get" action="/coverage" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
          {view.city ? <input type="hidden" name="city" value={view.city} /> : null}
          <label className="flex flex-col text-xs text-slate-600">
            {t("ningbo")}
            <select name="ningbo" defaultValue={view.ningbo === "exclude" ? "exclude" : "include"} className={field} data-testid="ningbo-switch">
              <option value="exclude">{t("ningboExclude")}</option>
              <option value="include">{t("ningboInclude")}</option>
            </select>
          </label>
          <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm text-white">{t("apply")}</button>
        </form>
      ) : null}

      <section className="space-y-2">
        <h2 className="text-base font-semibold">{t("byRegion")}</h2>
        {view.city ? (
          <p className="text-sm">
            <span className="font-medium">{t("countiesOf", { city: f.region(view.city) })}</span>{" · "}
            <a className="text-brand-700 hover:underline" href={href({})}>{t("backToCities")}</a>
          </p>
        ) : null}
        <CoverageTable testId={view.city ? "coverage-counties" : "coverage-cities"} nameLabel={view.city ? t("county") : t("city")}
          labels={labels} rows={regionRows} totals={view.totals} locale={locale} />
      </section>

      <section className="space-y-2">
        <h2 className="text-base font-semibold">{t("byBank")}</h2>
        <CoverageTable testId="coverage-banks" nameLabel={t("bank")} labels={labels} rows={bankRows} totals={view.totals} locale={locale} />
      </section>

      <p className="max-w-3xl text-xs text-slate-500">{t("definitions")}</p>
    </div>
  );
}
