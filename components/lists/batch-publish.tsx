import { getTranslations } from "next-intl/server";
import type { BatchView } from "@/lib/queries/get-list-batch";

/**
 * What happens to a finished batch's enterprises: a bank's own list is already in that bank's
 * pool; a province list is published by the regulator (each enterprise gets its responsible
 * bank and enters that bank's pool).
 */
export async function BatchPublish({ batch }: { batch: BatchView }) {
  const t = await getTranslations("listImport.batch");
  if (batch.isBankList) {
    return (
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="bank-list-pooled">
        <p>{t("bankList")}</p>
        {batch.publishedAt ? <p className="mt-1 font-medium text-emerald-700">{t("pooled", { count: batch.pooled })}</p> : null}
      </section>
    );
  }
  return null;
}
