// One notification as a sentence and a link, from its kind and payload (dates as Shanghai
// days, amounts as decimal strings), for the notification centre.
import { daysBetween, isValidIsoDate } from "@/lib/domain/dates";
import type { NotificationRow } from "@/lib/queries/notifications";

type Translate = (key: string, values?: Record<string, string | number>) => string;
type Format = { amount: (value: string) => string; date: (iso: string) => string };

const isoDay = (value: unknown): string | null => (typeof value === "string" && isValidIsoDate(value.slice(0, 10)) ? value.slice(0, 10) : null);

export function describeNotification(row: NotificationRow, today: string, t: Translate, f: Format): { text: string; href: string | null; linkKey: string | null } {
  const p = row.payload;
  const date = (key: string) => {
    const d = isoDay(p[key]);
    return d ? f.date(d) : "—";
  };
  const since = (key: string) => {
    const d = isoDay(p[key]);
    return d ? Math.abs(daysBetween(d, today)) : 0;
  };
  const amount = (key: string) => (typeof p[key] === "string" ? f.amount(p[key] as string) : "—");
  const enterprise = row.enterpriseId ? `/enterprises/${row.enterpriseId}` : null;
  switch (row.kind) {
    case "NEED_NO_VISIT":
      return { text: t("messages.NEED_NO_VISIT", { amount: amount("amount"), raisedOn: date("raisedOn"), days: since("raisedOn") }), href: enterprise, linkKey: "openEnterprise" };
    case "FOLLOW_UP_DUE":
      return { text: t("messages.FOLLOW_UP_DUE", { followUpOn: date("followUpOn"), lastContactOn: date("lastContactOn") }), href: enterprise, linkKey: "openEnterprise" };
    case "APPROVED_NOT_DRAWN":
      return { text: t("messages.APPROVED_NOT_DRAWN", { limitAmount: amount("limitAmount"), decidedOn: date("decidedOn"), days: since("decidedOn"), validTo: date("validTo") }), href: enterprise, linkKey: "openEnterprise" };
    case "LINE_EXPIRING":
      return { text: t("messages.LINE_EXPIRING", { limitAmount: amount("limitAmount"), validTo: date("validTo"), days: since("validTo") }), href: enterprise, linkKey: "openEnterprise" };
    case "PARTNER_AT_RISK":
      return { text: t("messages.PARTNER_AT_RISK", { validTo: date("validTo") }), href: enterprise, linkKey: "openEnterprise" };
    case "UNTOUCHED":
      return isoDay(p.lastContactOn)
        ? { text: t("messages.UNTOUCHED", { days: since("lastContactOn"), lastContactOn: date("lastContactOn") }), href: enterprise, linkKey: "openEnterprise" }
        : { text: t("messages.UNTOUCHED_NEVER", { assignedAt: date("assignedAt") }), href: enterprise, linkKey: "openEnterprise" };
    case "PROPOSAL_PENDING":
      return { text: t("messages.PROPOSAL_PENDING", { limitAmount: amount("limitAmount"), proposedOn: date("proposedOn") }), href: "/approvals", linkKey: "approvalsLink" };
    case "DAILY_DIGEST": {
      const counts = (p.counts ?? {}) as Record<string, number>;
      const breakdown = Object.entries(counts).map(([kind, n]) => `${t(`kinds.${kind}`)} ${n}`).join("、");
      return { text: t("messages.DAILY_DIGEST", { day: date("day"), total: Number(p.total ?? 0), breakdown }), href: "/dashboard", linkKey: "digestLink" };
    }
    case "NOTICE_PUBLISHED": {
      const month = typeof p.month === "string" ? p.month : row.createdAt.slice(0, 7);
      return { text: t("messages.NOTICE_PUBLISHED", { month }), href: `/notices/${month}`, linkKey: "noticeLink" };
    }
  }
}
