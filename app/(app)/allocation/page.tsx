import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { getAllocationRules } from "@/lib/queries/allocation-rules";
import { MAX_RULE_BANKS } from "@/lib/schemas/allocation";
import { toLocale } from "@/lib/i18n/locale";
import { ClientMessages } from "@/components/client-messages";
import { RulesForm } from "@/components/allocation/rules-form";

export async function generateMetadata() {
  const t = await getTranslations("allocation.rules");
  return { title: t("title") };
}

// The regulator's county → bank allocation table: every county grouped by city, its banks
// and shares or "no rule"; ?county= opens that county's editor, ?missing=1 lists only the
// counties without a rule (the publish preview links here).
export default async function AllocationRulesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await currentActor();
  const view = await getAllocationRules(actor);
  if (!view) redirect("/");
  const params = await searchParams;
  const countyParam = typeof params.county === "string" ? params.county : undefined;
  const onlyMissing = params.missing === "1";
  const t = await getTranslations("allocation.rules");
  const en = toLocale(await getLocale()) === "en";
  const name = (x: { name: string; nameEn: string }) => (en ? x.nameEn : x.name);
  const editing = countyParam ? view.cities.flatMap((c) => c.counties).find((c) => c.code === countyParam) : undefined;

  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>

      {editing ? (
        <section id="edit" className="max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
          <ClientMessages namespaces={["allocation", "errors"]}>
            <RulesForm key={editing.code} countyCode={editing.code} countyName={name(editing)} maxRows={MAX_RULE_BANKS}
              banks={view.banks.map((b) => ({ id: b.id, name: name(b) }))}
              initial={editing.rules.map((r) => ({ bankId: r.bankId, share: r.share }))} />
          </ClientMessages>
        </section>
      ) : null}

      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p data-testid="rules-summary">{t("summary", { with: view.withRules, without: view.withoutRules })}</p>
        <a className="text-brand-700 hover:underline" href={onlyMissing ? "/allocation" : "/allocation?missing=1"}>{onlyMissing ? t("showAll") : t("onlyMissing")}</a>
      </div>

      <table className="w-full border-collapse rounded-lg bg-white text-sm" data-testid="rules-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="px-3 py-2">{t("city")}</th><th className="px-3 py-2">{t("county")}</th><th className="px-3 py-2">{t("banks")}</th><th className="px-3 py-2" />
          </tr>
        </thead>
        <tbody>
          {view.cities.flatMap((city) => {
            const counties = city.counties.filter((c) => !onlyMissing || c.rules.length === 0);
            return counties.map((county, i) => (
              <tr key={county.code} className="border-b border-slate-100" data-testid={`rule-${county.code}`}>
                {i === 0 ? <td rowSpan={counties.length} className="px-3 py-2 align-top font-medium">{name(city)}</td> : null}
                <td className="px-3 py-2">{name(county)}</td>
                <td className="px-3 py-2">
                  {county.rules.length
                    ? county.rules.map((r) => `${en ? r.bankNameEn : r.bankName} ${r.share}%`).join(" · ")
                    : <span className="text-amber-700">{t("noRule")}</span>}
                </td>
                <td className="px-3 py-2 text-right">
                  <a className="text-brand-700 hover:underline" href={`/allocation?county=${county.code}${onlyMissing ? "&missing=1" : ""}#edit`}>{t("edit")}</a>
                </td>
              </tr>
            ));
          })}
        </tbody>
      </table>
    </div>
  );
}
