import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import type { Actor } from "@/lib/auth/actor";
import { countPool, listPool, type PoolRow } from "@/lib/queries/list-pool";
import { poolFilterParams, poolFilterSchema, type PoolFilter } from "@/lib/queries/pool-filter";
import { getDistributionOverview } from "@/lib/queries/assignment-branches";
import { listManagerChoices } from "@/lib/queries/assignment-managers";
import { listHandoverNeeds } from "@/lib/queries/assignment-handover";
import { STAGES } from "@/lib/domain/stage";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { ClientMessages } from "@/components/client-messages";
import { CountyForm } from "@/components/assign/county-form";
import { SelectionForm, type SelectableRow } from "@/components/assign/selection-form";

const PAGE = 50;

export async function generateMetadata() {
  const t = await getTranslations("assign");
  return { title: (await currentActor())?.role === "BANK_HEAD_OFFICE" ? t("headOfficeTitle") : t("branchTitle") };
}

type Params = Record<string, string | string[] | undefined>;

/**
 * Head office: distribute waiting clients to branches (county rule; filter + select all; ticks).
 * Branch head: give the branch's clients to managers (ticks, select all, even split).
 */
export default async function AssignPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await currentActor();
  if (!actor || (actor.role !== "BANK_HEAD_OFFICE" && actor.role !== "BRANCH_HEAD")) notFound();
  const params = { ...(await searchParams) };
  // The screens open on the work to do: head office on clients waiting at head office, the
  // branch head on clients without a manager. An empty value in the form means "all".
  if (actor.role === "BANK_HEAD_OFFICE" && params.branch === undefined) params.branch = "none";
  if (actor.role === "BRANCH_HEAD" && params.manager === undefined) params.manager = "none";
  const filter = poolFilterSchema.parse(params);
  return actor.role === "BANK_HEAD_OFFICE" ? <HeadOffice actor={actor} filter={filter} /> : <BranchHead actor={actor} filter={filter} />;
}

async function rowsFor(actor: Actor, filter: PoolFilter) {
  const t = await getTranslations();
  const f = formatters(toLocale(await getLocale()));
  const [page, count] = await Promise.all([listPool(actor, filter, PAGE), countPool(actor, { ...filter, after: undefined, before: undefined })]);
  const rows: SelectableRow[] = page.rows.map((r: PoolRow) => ({
    clientId: r.clientId,
    enterpriseId: r.enterpriseId,
    name: r.name,
    uscc: r.uscc,
    region: `${f.region(r.cityCode)} · ${f.region(r.countyCode)}`,
    stage: t(`stage.${r.stage}`),
    branchName: r.branchName ?? t("assign.filter.headOffice"),
    managerName: r.managerName ?? "—",
  }));
  return { rows, count, nextCursor: page.nextCursor, prevCursor: page.prevCursor };
}

/** The filter as the command needs it (no cursors: "all matching" means every page). */
function filterFields(filter: PoolFilter): Record<string, string> {
  return poolFilterParams(filter);
}

function pageHref(filter: PoolFilter, cursor: { after?: string; before?: string }) {
  const params = new URLSearchParams(filterFields(filter));
  // Keep "all" explicit, or the default (head office / no manager) would come back.
  if (!filter.branch) params.set("branch", "");
  if (!filter.manager) params.set("manager", "");
  if (cursor.after) params.set("after", cursor.after);
  if (cursor.before) params.set("before", cursor.before);
  return `/assign?${params}`;
}

async function FilterBar({ filter, branches, managers }: { filter: PoolFilter; branches?: { id: string; name: string }[]; managers?: { id: string; name: string }[] }) {
  const t = await getTranslations();
  const select = "rounded border border-slate-300 px-2 py-2";
  return (
    <form method="get" action="/assign" className="flex flex-wrap items-end gap-2" role="search" data-testid="assign-filter">
      <input name="q" defaultValue={filter.q} type="search" placeholder={t("assign.filter.q")} aria-label={t("assign.filter.q")} className="w-64 rounded border border-slate-300 px-3 py-2" />
      <select name="stage" defaultValue={filter.stage ?? ""} aria-label={t("assign.filter.stage")} className={select}>
        <option value="">{t("assign.filter.allStages")}</option>
        {STAGES.map((s) => <option key={s} value={s}>{t(`stage.${s}`)}</option>)}
      </select>
      <input name="countyCode" defaultValue={filter.countyCode ?? ""} placeholder={t("assign.filter.county")} aria-label={t("assign.filter.county")} inputMode="numeric" pattern="\d{6}" className="w-32 rounded border border-slate-300 px-3 py-2" />
      {branches ? (
        <select name="branch" defaultValue={filter.branch ?? ""} aria-label={t("assign.filter.branch")} className={select}>
          <option value="none">{t("assign.filter.headOffice")}</option>
          <option value="">{t("assign.filter.allBranches")}</option>
          {branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </select>
      ) : null}
      {managers ? (
        <select name="manager" defaultValue={filter.manager ?? ""} aria-label={t("assign.filter.manager")} className={select}>
          <option value="none">{t("assign.filter.noManager")}</option>
          <option value="">{t("assign.filter.allManagers")}</option>
          {managers.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </select>
      ) : null}
      {/* Filters handed over from the pool (a list, a follow-up state, a dashboard alert) stay. */}
      {(["list", "batch", "followUp", "ageing"] as const).map((key) => (filter[key] ? <input key={key} type="hidden" name={key} value={filter[key]} /> : null))}
      <button type="submit" className="rounded bg-slate-800 px-4 py-2 text-white">{t("assign.filter.apply")}</button>
    </form>
  );
}

async function Pages({ filter, nextCursor, prevCursor }: { filter: PoolFilter; nextCursor: string | null; prevCursor: string | null }) {
  const t = await getTranslations("assign.selection");
  return (
    <nav className="flex items-center gap-3 text-sm">
      {prevCursor ? <Link className="rounded border px-3 py-1" href={pageHref(filter, { before: prevCursor })}>{t("previous")}</Link> : null}
      {nextCursor ? <Link className="rounded border px-3 py-1" href={pageHref(filter, { after: nextCursor })}>{t("next")}</Link> : null}
    </nav>
  );
}

async function HeadOffice({ actor, filter }: { actor: Actor; filter: PoolFilter }) {
  const t = await getTranslations("assign");
  const f = formatters(toLocale(await getLocale()));
  const [overview, list] = await Promise.all([getDistributionOverview(actor), rowsFor(actor, filter)]);
  if (!overview) notFound();
  return (
    <ClientMessages namespaces={["assign", "errors"]}>
      <div className="space-y-6">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-xl font-semibold">{t("headOfficeTitle")}</h1>
          <p className="text-sm text-slate-600" data-testid="waiting">{t("waiting", { count: overview.waiting })}</p>
        </div>
        <div className="grid gap-6 lg:grid-cols-2">
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-2 font-medium">{t("countyRule.title")}</h2>
            <CountyForm counties={overview.counties.map((c) => ({ countyCode: c.countyCode, label: `${f.region(c.cityCode)} · ${f.region(c.countyCode)}`, waiting: c.waiting, branches: c.branches }))} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-2 font-medium">{t("branchesTitle")}</h2>
            <table className="min-w-full text-sm" data-testid="branches">
              <thead className="text-left text-slate-600">
                <tr><th className="py-1 pr-3">{t("branch")}</th><th className="py-1 pr-3">{t("county")}</th><th className="py-1 pr-3">{t("clients")}</th><th className="py-1 pr-3">{t("clientsWithoutManager")}</th><th className="py-1">{t("needsHandover")}</th></tr>
              </thead>
              <tbody>
                {overview.branches.map((b) => (
                  <tr key={b.id} className="border-t border-slate-100">
                    <td className="py-1 pr-3">{b.name}</td>
                    <td className="py-1 pr-3">{f.region(b.countyCode)}</td>
                    <td className="py-1 pr-3 tabular-nums">{b.clients}</td>
                    <td className="py-1 pr-3 tabular-nums">{b.withoutManager}</td>
                    <td className={`py-1 tabular-nums ${b.needsHandover ? "font-medium text-red-700" : ""}`}>{b.needsHandover}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
        <section className="space-y-3">
          <h2 className="font-medium">{t("selection.title")}</h2>
          <FilterBar filter={filter} branches={overview.branches} />
          <SelectionForm
            key={JSON.stringify(filterFields(filter))}
            rows={list.rows}
            count={list.count}
            filter={filterFields(filter)}
            target={{ kind: "branch", branches: overview.branches, offerRedistribute: filter.branch !== "none" }}
          />
          <Pages filter={filter} nextCursor={list.nextCursor} prevCursor={list.prevCursor} />
        </section>
      </div>
    </ClientMessages>
  );
}

async function BranchHead({ actor, filter }: { actor: Actor; filter: PoolFilter }) {
  const t = await getTranslations("assign");
  const [choices, needs, list] = await Promise.all([listManagerChoices(actor), listHandoverNeeds(actor), rowsFor(actor, filter)]);
  if (!choices) notFound();
  const needing = (needs ?? []).filter((n) => n.reason !== null).length;
  return (
    <ClientMessages namespaces={["assign", "errors"]}>
      <div className="space-y-6">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-xl font-semibold">{t("branchTitle")} · {choices.branchName}</h1>
          <div className="flex items-center gap-4 text-sm">
            <span data-testid="without-manager">{t("withoutManager", { count: choices.withoutManager })}</span>
            <Link href="/assign/handover" className={needing ? "font-medium text-red-700 hover:underline" : "text-brand-700 hover:underline"} data-testid="handover-link">
              {needing ? t("handover.linkWithCount", { count: needing }) : t("handover.link")}
            </Link>
          </div>
        </div>
        <FilterBar filter={filter} managers={choices.managers} />
        <SelectionForm
          key={JSON.stringify(filterFields(filter))}
          rows={list.rows}
          count={list.count}
          filter={filterFields(filter)}
          target={{ kind: "managers", managers: choices.managers }}
        />
        <Pages filter={filter} nextCursor={list.nextCursor} prevCursor={list.prevCursor} />
      </div>
    </ClientMessages>
  );
}
