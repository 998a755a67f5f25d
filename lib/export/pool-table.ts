// The pool as an export table (lib/export/table.ts writes the CSV and .xlsx): the reader's
// scope and the filters first, then one line per client, in the reader's UI language (headers,
// filters, stages, regions); the phone column is masked (lib/queries/pool-export.ts).
import { createTranslator } from "next-intl";
import { MESSAGES } from "@/lib/i18n/messages";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locale";
import { regionName } from "@/lib/domain/regions";
import { daysBetween, type IsoDate } from "@/lib/domain/dates";
import { shanghaiDateTime } from "@/lib/export/audit-table";
import type { DataTable } from "@/lib/export/table";
import type { PoolFilter } from "@/lib/queries/pool-filter";
import type { PoolExport } from "@/lib/queries/pool-export";

/** 逾期 N 天 / 今天到期 / "" for a follow-up date, in words (not only a colour). */
export function followUpWords(on: IsoDate | null, today: IsoDate, words: { overdue: (days: number) => string; due: string }): string {
  if (!on) return "";
  if (on === today) return words.due;
  if (on > today) return "";
  return words.overdue(daysBetween(on, today));
}

/** The filter in words, as the file's header shows it ("名单: 小微企业园; 跟进: 已逾期"). */
function filterText(filter: PoolFilter, labels: { manager?: string; branch?: string; batch?: string }, locale: Locale): string {
  const m = MESSAGES[locale];
  const list = m.poolList;
  const parts: string[] = [];
  if (filter.q) parts.push(`${m.pool.search}: ${filter.q}`);
  if (filter.stage) parts.push(`${m.pool.stage}: ${m.stage[filter.stage]}`);
  if (filter.countyCode) parts.push(`${list.county}: ${regionName(filter.countyCode, locale) ?? filter.countyCode}`);
  if (filter.branch) parts.push(`${list.branch}: ${filter.branch === "none" ? list.atHeadOffice : (labels.branch ?? filter.branch)}`);
  if (filter.manager) parts.push(`${list.manager}: ${filter.manager === "none" ? list.noManager : (labels.manager ?? filter.manager)}`);
  if (filter.list) parts.push(`${list.list}: ${m.lists[filter.list]}`);
  if (filter.batch) parts.push(`${list.batch}: ${labels.batch ?? filter.batch}`);
  if (filter.followUp) parts.push(`${list.followUp}: ${filter.followUp === "due" ? list.followUpDue : list.followUpOverdue}`);
  if (filter.ageing) parts.push(`${list.ageing}: ${list.ageingKinds[filter.ageing]}`);
  return parts.length ? parts.join(locale === "en" ? "; " : "；") : list.export.none;
}

export function poolTable(input: { found: PoolExport; filter: PoolFilter; labels: { manager?: string; branch?: string; batch?: string }; ticked: number; today: IsoDate; now?: Date; locale?: Locale }): DataTable {
  const { found, today } = input;
  const locale = input.locale ?? DEFAULT_LOCALE;
  const m = MESSAGES[locale];
  const list = m.poolList;
  const x = list.export;
  const c = x.columns;
  const filters: [string, string][] = [
    [x.scope, found.scopeName],
    [x.filters, filterText(input.filter, input.labels, locale)],
  ];
  if (input.ticked) filters.push([x.selected, x.selectedCount.replace("{count}", String(input.ticked))]);
  filters.push([x.exportedAt, `${shanghaiDateTime(input.now ?? new Date())}${locale === "en" ? " (Beijing time)" : "（北京时间）"}`]);
  if (found.isTruncated) filters.push([x.truncated, x.truncatedText.replaceAll("{max}", String(found.rows.length))]);
  filters.push([x.truncated, x.phoneNote]);
  // The catalogue's own wording (ICU plurals in English: "Overdue by 1 day", "… 5 days").
  const t = createTranslator({ locale, messages: m, namespace: "poolList" });
  const words = { overdue: (days: number) => t("overdueDays", { days }), due: list.dueToday };
  return {
    title: locale === "en" ? `${found.scopeName} – ${x.title}` : `${found.scopeName}${x.title}`,
    sheetName: x.sheet,
    filters,
    columns: [
      { key: "name", header: c.name, kind: "text" },
      { key: "uscc", header: c.uscc, kind: "text" },
      { key: "city", header: c.city, kind: "text" },
      { key: "county", header: c.county, kind: "text" },
      { key: "stage", header: c.stage, kind: "text" },
      { key: "branch", header: c.branch, kind: "text" },
      { key: "manager", header: c.manager, kind: "text" },
      { key: "phone", header: c.phone, kind: "text" },
      { key: "lastContact", header: c.lastContact, kind: "text" },
      { key: "nextFollowUp", header: c.nextFollowUp, kind: "text" },
      { key: "followUpStatus", header: c.followUpStatus, kind: "text" },
    ],
    rows: found.rows.map((r) => ({
      name: r.name,
      uscc: r.uscc,
      city: regionName(r.cityCode, locale) ?? r.cityCode,
      county: regionName(r.countyCode, locale) ?? r.countyCode,
      stage: m.stage[r.stage],
      branch: r.branchName ?? list.atHeadOffice,
      manager: r.managerName,
      phone: r.phoneMasked,
      lastContact: r.lastContactOn,
      nextFollowUp: r.nextFollowUpOn,
      followUpStatus: followUpWords(r.nextFollowUpOn, today, words),
    })),
  };
}
