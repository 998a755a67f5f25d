// The pool as an export table (lib/export/table.ts writes the CSV and .xlsx): the reader's
// scope and the filters first, then one line per client. Chinese headers whatever the screen
// language, like every export; the phone column is masked (lib/queries/pool-export.ts).
import zhList from "@/lib/i18n/messages/zh-CN/poolList.json";
import zh from "@/lib/i18n/messages/zh-CN.json";
import { regionName } from "@/lib/domain/regions";
import { daysBetween, type IsoDate } from "@/lib/domain/dates";
import { shanghaiDateTime } from "@/lib/export/audit-table";
import type { DataTable } from "@/lib/export/table";
import type { PoolFilter } from "@/lib/queries/pool-filter";
import type { PoolExport } from "@/lib/queries/pool-export";

const x = zhList.export;
const c = x.columns;

/** 逾期 N 天 / 今天到期 / "" for a follow-up date, in words (not only a colour). */
export function followUpWords(on: IsoDate | null, today: IsoDate, words: { overdue: (days: number) => string; due: string }): string {
  if (!on) return "";
  if (on === today) return words.due;
  if (on > today) return "";
  return words.overdue(daysBetween(on, today));
}

/** The filter in words, as the file's header shows it ("名单: 小微企业园; 跟进: 已逾期"). */
function filterText(filter: PoolFilter, labels: { manager?: string; branch?: string; batch?: string }): string {
  const parts: string[] = [];
  if (filter.q) parts.push(`${zh.pool.search}: ${filter.q}`);
  if (filter.stage) parts.push(`${zh.pool.stage}: ${zh.stage[filter.stage]}`);
  if (filter.countyCode) parts.push(`${zhList.county}: ${regionName(filter.countyCode, "zh-CN") ?? filter.countyCode}`);
  if (filter.branch) parts.push(`${zhList.branch}: ${filter.branch === "none" ? zhList.atHeadOffice : (labels.branch ?? filter.branch)}`);
  if (filter.manager) parts.push(`${zhList.manager}: ${filter.manager === "none" ? zhList.noManager : (labels.manager ?? filter.manager)}`);
  if (filter.list) parts.push(`${zhList.list}: ${zh.lists[filter.list]}`);
  if (filter.batch) parts.push(`${zhList.batch}: ${labels.batch ?? filter.batch}`);
  if (filter.followUp) parts.push(`${zhList.followUp}: ${filter.followUp === "due" ? zhList.followUpDue : zhList.followUpOverdue}`);
  if (filter.ageing) parts.push(`${zhList.ageing}: ${zhList.ageingKinds[filter.ageing]}`);
  return parts.length ? parts.join("；") : x.none;
}

export function poolTable(input: { found: PoolExport; filter: PoolFilter; labels: { manager?: string; branch?: string; batch?: string }; ticked: number; today: IsoDate; now?: Date }): DataTable {
  const { found, today } = input;
  const filters: [string, string][] = [
    [x.scope, found.scopeName],
    [x.filters, filterText(input.filter, input.labels)],
  ];
  if (input.ticked) filters.push([x.selected, x.selectedCount.replace("{count}", String(input.ticked))]);
  filters.push([x.exportedAt, `${shanghaiDateTime(input.now ?? new Date())}（北京时间）`]);
  if (found.isTruncated) filters.push([x.truncated, x.truncatedText.replaceAll("{max}", String(found.rows.length))]);
  filters.push([x.truncated, x.phoneNote]);
  const words = { overdue: (days: number) => zhList.overdueDays.replace("{days}", String(days)), due: zhList.dueToday };
  return {
    title: `${found.scopeName}${x.title}`,
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
      city: regionName(r.cityCode, "zh-CN") ?? r.cityCode,
      county: regionName(r.countyCode, "zh-CN") ?? r.countyCode,
      stage: zh.stage[r.stage],
      branch: r.branchName ?? zhList.atHeadOffice,
      manager: r.managerName,
      phone: r.phoneMasked,
      lastContact: r.lastContactOn,
      nextFollowUp: r.nextFollowUpOn,
      followUpStatus: followUpWords(r.nextFollowUpOn, today, words),
    })),
  };
}
