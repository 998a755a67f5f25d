import { getLocale, getTranslations } from "next-intl/server";
import type { AssignmentTimelineItem } from "@/lib/queries/get-pipeline";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";

/** One change of branch or manager on the enterprise's timeline: who, from, to, when, why. */
export async function AssignmentItem({ item }: { item: AssignmentTimelineItem }) {
  const t = await getTranslations("assign.timeline");
  const f = formatters(toLocale(await getLocale()));
  const headOffice = t("headOffice");
  const none = t("noManager");
  const branchMoved = item.fromBranch !== item.toBranch;
  return (
    <div data-testid="assignment-item" data-assign-kind={item.assignKind}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">{t(`kinds.${item.assignKind}`)}</span>
        <span className="text-xs text-slate-500">{item.by ?? t("system")} · {f.dateTime(item.at)}</span>
      </div>
      {branchMoved ? (
        <p className="mt-1">{t("branchMove", { from: item.fromBranch ?? headOffice, to: item.toBranch ?? headOffice })}</p>
      ) : null}
      {item.fromManager !== item.toManager || !branchMoved ? (
        <p className="mt-1">{t("managerMove", { from: item.fromManager ?? none, to: item.toManager ?? none })}</p>
      ) : null}
      {item.reason ? <p className="mt-1 text-slate-600">{t("reason", { reason: item.reason })}</p> : null}
    </div>
  );
}
