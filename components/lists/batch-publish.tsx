import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import type { BatchView } from "@/lib/queries/get-list-batch";
import { getPublishPreview } from "@/lib/queries/publish-preview";
import { ClientMessages } from "@/components/client-messages";
import { PublishPanel } from "@/components/allocation/publish-panel";

/**
 * What happens to a finished batch's enterprises: a bank's own list is already in that bank's
 * pool; a province list is published by the regulator (each enterprise gets its responsible
 * bank, 一企一行, and enters that bank's pool unassigned).
 */
export async function BatchPublish({ actor, batch }: { actor: Actor | null; batch: BatchView }) {
  const t = await getTranslations("listImport.batch");
  if (batch.isBankList) {
    return (
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="bank-list-pooled">
        <p>{t("bankList")}</p>
        {batch.publishedAt ? <p className="mt-1 font-medium text-emerald-700">{t("pooled", { count: batch.pooled })}</p> : null}
      </section>
    );
  }
  const preview = batch.publishedAt ? null : await getPublishPreview(actor, batch.id);
  return (
    <ClientMessages namespaces={["allocation", "errors"]}>
      <PublishPanel
        batchId={batch.id}
        canPublish={actor?.role === "REGULATOR" && !batch.publishedAt}
        publishedAt={batch.publishedAt}
        publishRequestedAt={batch.publishRequestedAt}
        publishError={batch.publishError}
        allocated={batch.allocated}
        pooled={batch.pooled}
        preview={preview}
      />
    </ClientMessages>
  );
}
