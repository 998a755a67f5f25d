import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { listPendingApprovals } from "@/lib/queries/list-approvals";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";

export async function generateMetadata() {
  const t = await getTranslations("approvals");
  return { title: t("title") };
}

/** A branch head's approval queue. Anyone else gets an empty queue (the query is scoped). */
export default async function ApprovalsPage() {
  const rows = await listPendingApprovals(await currentActor());
  const t = await getTranslations();
  const f = formatters(toLocale(await getLocale()));
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("approvals.title")}</h1>
      {rows.length === 0 ? <p className="text-sm text-slate-500">{t("approvals.empty")}</p> : null}
      <ul className="space-y-3" data-testid="approval-queue">
        {rows.map((row) => (
          <li key={row.creditLineId} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="approval-row">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="font-medium">{row.enterpriseName}</span>
              <span className="text-base font-semibold">{f.amount(row.limit)}</span>
            </div>
            <p className="mt-1 text-slate-600">
              {row.productName} · {t(row.isRevolving ? "credit.revolving" : "credit.oneOff")} · {t(`visit.guarantees.${row.guaranteeMode}`)}
            </p>
            <p className="text-xs text-slate-500">{t("approvals.proposedBy")}：{row.proposedBy} · {f.dateTime(row.proposedAt)}</p>
            <div className="mt-2 flex items-center justify-between gap-2">
              {row.isOwn ? <span className="text-xs text-amber-700">{t("approvals.own")}</span> : <span />}
              <Link href={`/approvals/${row.creditLineId}`}
                className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
                {row.isOwn ? t("approvals.view") : t("approvals.open")}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
