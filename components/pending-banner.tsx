import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { CreditLineView } from "@/lib/queries/pipeline-views";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";

/** A proposal waiting for a branch head; the heads who may decide it get a link to do so. */
export async function PendingBanner({ line }: { line: CreditLineView }) {
  const t = await getTranslations("credit");
  const f = formatters(toLocale(await getLocale()));
  return (
    <div role="status" data-testid="pending-banner"
      className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <span>
        {t("pendingBanner", { product: line.productName, amount: f.amount(line.limit), by: line.proposedBy, at: f.dateTime(line.proposedAt) })}
        {line.canDecide ? null : ` ${t("awaitingHead")}`}
      </span>
      {line.canDecide ? (
        <Link href={`/approvals/${line.id}`} className="rounded bg-amber-600 px-3 py-1.5 font-medium text-white hover:bg-amber-700">{t("reviewLink")}</Link>
      ) : null}
    </div>
  );
}
