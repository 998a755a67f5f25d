import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { CITIES, countiesOf } from "@/lib/domain/regions";
import { STAGES } from "@/lib/domain/stage";
import { toLocale } from "@/lib/i18n/locale";
import { LIST_TYPES, type PoolFilter } from "@/lib/queries/pool-filter";
import type { PoolFilterChoices } from "@/lib/queries/pool-filter-choices";
import { poolHref } from "@/components/pool/pool-href";

const SELECT = "rounded border border-slate-300 bg-white px-2 py-2";

/**
 * The pool's filters as a plain GET form (works without JavaScript), and the active ones as
 * removable chips: a dashboard link lands here with its filter named in words.
 */
export async function PoolFilterBar({ actor, filter, choices }: { actor: Actor; filter: PoolFilter; choices: PoolFilterChoices }) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const name = (c: { name: string; nameEn: string }) => (locale === "en" ? c.nameEn : c.name);
  const isHeadOffice = actor.role === "BANK_HEAD_OFFICE";
  const isBranchHead = actor.role === "BRANCH_HEAD";
  const managerLabel = filter.manager === "none" ? t("poolList.noManager") : (choices.labels.manager ?? filter.manager);
  const branchLabel = filter.branch === "none" ? t("poolList.atHeadOffice") : (choices.labels.branch ?? filter.branch);
  const chips: { key: keyof PoolFilter; label: string }[] = [];
  if (filter.manager) chips.push({ key: "manager", label: `${t("poolList.manager")}: ${managerLabel}` });
  if (filter.branch) chips.push({ key: "branch", label: `${t("poolList.branch")}: ${branchLabel}` });
  if (filter.batch) chips.push({ key: "batch", label: `${t("poolList.batch")}: ${choices.labels.batch ?? filter.batch}` });
  if (filter.ageing) chips.push({ key: "ageing", label: `${t("poolList.ageing")}: ${t(`poolList.ageingKinds.${filter.ageing}`)}` });
  const hasAny = Object.values({ ...filter, sort: undefined, desc: undefined, after: undefined, before: undefined }).some(Boolean);

  return (
    <div className="space-y-2">
      <form method="get" action="/pool" className="flex flex-wrap items-end gap-2" role="search" data-testid="pool-filter">
        <input name="q" defaultValue={filter.q} type="search" placeholder={t("pool.searchPlaceholder")} aria-label={t("pool.search")}
          className="w-full rounded border border-slate-300 px-3 py-2 sm:w-64" />
        <select name="stage" defaultValue={filter.stage ?? ""} aria-label={t("pool.stageFilter")} className={SELECT}>
          <option value="">{t("pool.allStages")}</option>
          {STAGES.map((s) => <option key={s} value={s}>{t(`stage.${s}`)}</option>)}
        </select>
        <select name="countyCode" defaultValue={filter.countyCode ?? ""} aria-label={t("poolList.county")} className={SELECT}>
          <option value="">{t("poolList.allCounties")}</option>
          {CITIES.map((city) => (
            <optgroup key={city.code} label={name(city)}>
              {countiesOf(city.code).map((c) => <option key={c.code} value={c.code}>{name(c)}</option>)}
            </optgroup>
          ))}
        </select>
        {isHeadOffice ? (
          <select name="branch" defaultValue={filter.branch ?? ""} aria-label={t("poolList.branch")} className={SELECT}>
            <option value="">{t("poolList.allBranches")}</option>
            <option value="none">{t("poolList.atHeadOffice")}</option>
            {choices.branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        ) : filter.branch ? <input type="hidden" name="branch" value={filter.branch} /> : null}
        {isBranchHead ? (
          <select name="manager" defaultValue={filter.manager ?? ""} aria-label={t("poolList.manager")} className={SELECT}>
            <option value="">{t("poolList.allManagers")}</option>
            <option value="none">{t("poolList.noManager")}</option>
            {choices.managers.map((m) => <option key={m.id} value={m.id}>{m.isActive ? m.name : t("poolList.managerInactive", { name: m.name })}</option>)}
          </select>
        ) : filter.manager ? <input type="hidden" name="manager" value={filter.manager} /> : null}
        <select name="list" defaultValue={filter.list ?? ""} aria-label={t("poolList.list")} className={SELECT}>
          <option value="">{t("poolList.allLists")}</option>
          {LIST_TYPES.map((l) => <option key={l} value={l}>{t(`lists.${l}`)}</option>)}
        </select>
        <select name="followUp" defaultValue={filter.followUp ?? ""} aria-label={t("poolList.followUp")} className={SELECT}>
          <option value="">{t("poolList.anyFollowUp")}</option>
          <option value="due">{t("poolList.followUpDue")}</option>
          <option value="overdue">{t("poolList.followUpOverdue")}</option>
        </select>
        {/* Set by links (a dashboard alert, a list batch): kept through a new search, removable below. */}
        {filter.batch ? <input type="hidden" name="batch" value={filter.batch} /> : null}
        {filter.ageing ? <input type="hidden" name="ageing" value={filter.ageing} /> : null}
        {filter.sort && filter.sort !== "name" ? <input type="hidden" name="sort" value={filter.sort} /> : null}
        {filter.desc ? <input type="hidden" name="desc" value="1" /> : null}
        <button type="submit" className="rounded bg-slate-800 px-4 py-2 text-white">{t("pool.search")}</button>
      </form>
      {chips.length || hasAny ? (
        <ul className="flex flex-wrap items-center gap-2 text-sm" aria-label={t("poolList.active")} data-testid="pool-chips">
          {chips.map((c) => (
            <li key={c.key}>
              <Link href={poolHref(filter, { [c.key]: undefined })} aria-label={t("poolList.remove", { label: c.label })}
                className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">
                {c.label} <span aria-hidden>×</span>
              </Link>
            </li>
          ))}
          {hasAny ? <li><Link href="/pool" className="text-brand-700 underline">{t("poolList.clearAll")}</Link></li> : null}
        </ul>
      ) : null}
    </div>
  );
}
