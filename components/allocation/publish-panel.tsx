"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { publishBatchAction } from "@/lib/actions/allocation";
import type { PublishPreview } from "@/lib/queries/publish-preview";
import { buttonClass } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";
import { useErrorText } from "@/components/allocation/use-error-text";
import { formatDateTime } from "@/lib/domain/dates";
import { regionName } from "@/lib/domain/regions";

export type PublishPanelProps = {
  batchId: string;
  /** The viewer may publish (a regulator, and the batch is a DONE, unpublished province list). */
  canPublish: boolean;
  /** ISO timestamp, or null while unpublished. */
  publishedAt: string | null;
  /** When a regulator asked for it (the job publishes), and why it was refused if it was. */
  publishRequestedAt: string | null;
  publishError: string | null;
  allocated: number;
  pooled: number;
  /** getPublishPreview(actor, batchId): null for a bank's own batch or a non-regulator. */
  preview: PublishPreview | null;
};

/**
 * The batch page's distribution panel: what publishing will do (from the file's 对接银行
 * column, from the county rules, already allocated, no rule), the publish button, and the
 * outcome once published. Rendered by the lead on /lists/[id].
 */
export function PublishPanel(props: PublishPanelProps) {
  const t = useTranslations("allocation.publish");
  const locale = useLocale();
  const errorText = useErrorText();
  const { state, onSubmit, isPending, formRef } = useActionForm(publishBatchAction);
  const [confirmed, setConfirmed] = useState(false);
  const lang = locale === "en" ? "en" : "zh-CN";
  const count = (n: number) => new Intl.NumberFormat(lang).format(n);
  // Asia/Shanghai, as everywhere (lib/domain/dates.ts, which lib/i18n/format.ts wraps).
  const when = (iso: string) => formatDateTime(new Date(iso), lang);

  const router = useRouter();
  const publishedAt = props.publishedAt;
  const allocated = props.allocated;
  const pooled = props.pooled;
  const p = props.preview;
  // Asked (now, or before this page was rendered) and not yet done: the job is on it.
  const isPublishing = !publishedAt && ((state?.ok ?? false) || (!!props.publishRequestedAt && !props.publishError));
  useEffect(() => {
    if (!isPublishing) return;
    let stopped = false;
    const poll = async () => {
      try {
        const response = await fetch(`/api/v1/lists/batches/${props.batchId}`, { cache: "no-store" });
        if (response.ok) {
          const batch = (await response.json()) as { publishedAt: string | null; publishError: string | null };
          if (batch.publishedAt || batch.publishError) {
            router.refresh();
            return;
          }
        }
      } catch {
        // try again on the next tick
      }
      if (!stopped) timer = setTimeout(poll, 2000);
    };
    let timer = setTimeout(poll, 1000);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [isPublishing, props.batchId, router]);

  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="publish-panel">
      <h2 className="text-base font-semibold">{t("title")}</h2>
      {/* A bank's own list is pooled by its import (counts set, never published). */}
      {!p && !publishedAt && props.pooled > 0
        ? <p className="text-sm text-slate-600" data-testid="bank-batch-pooled">{t("bankBatch")} {t("pooled", { count: count(props.pooled) })}</p>
        : <p className="text-sm text-slate-600">{t("intro")}</p>}

      {publishedAt ? (
        <div role="status" className="space-y-1 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="publish-result">
          <p className="font-medium">{t("publishedAt", { at: when(publishedAt) })}</p>
          <p>{t("allocated", { count: count(allocated) })}</p>
          <p>{t("pooled", { count: count(pooled) })}</p>

        </div>
      ) : null}

      {p && !publishedAt ? (
        <div className="space-y-2">
          <h3 className="text-sm font-medium">{t("preview")}</h3>
          <dl className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm" data-testid="publish-preview">
            <dt>{t("accepted")}</dt><dd className="text-right tabular-nums" data-testid="preview-accepted">{count(p.accepted)}</dd>
            <dt>{t("fromFile")}</dt><dd className="text-right tabular-nums" data-testid="preview-file">{count(p.fromFile)}</dd>
            <dt>{t("fromRules")}</dt><dd className="text-right tabular-nums" data-testid="preview-rules">{count(p.fromRules)}</dd>
            <dt>{t("alreadyAllocated")}</dt><dd className="text-right tabular-nums" data-testid="preview-kept">{count(p.alreadyAllocated)}</dd>
            <dt className={p.noRule ? "text-amber-800" : undefined}>{t("noRule")}</dt>
            <dd className={`text-right tabular-nums ${p.noRule ? "text-amber-800" : ""}`} data-testid="preview-none">{count(p.noRule)}</dd>
          </dl>
          {p.noRuleCounties.length ? (
            <p className="text-xs text-amber-800">
              {t("noRuleCounties")} <CountyNames codes={p.noRuleCounties.map((c) => c.code)} />{" · "}
              <Link className="text-brand-700 hover:underline" href="/allocation?missing=1">{t("setRules")}</Link>
            </p>
          ) : null}
        </div>
      ) : null}

      {isPublishing ? (
        <p role="status" className="rounded bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="publish-pending">{t("pending")}</p>
      ) : null}
      {props.publishError && !publishedAt && !isPublishing ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="publish-error">{t("failed", { reason: errorText(props.publishError) })}</p>
      ) : null}

      {props.canPublish && !publishedAt && !isPublishing ? (
        <form ref={formRef} onSubmit={onSubmit} className="space-y-3" data-testid="publish-form">
          <input type="hidden" name="batchId" value={props.batchId} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="publish-confirm" />
            {t("confirm")}
          </label>
          {state && !state.ok ? <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{errorText(state.message)}</p> : null}
          <button type="submit" disabled={!confirmed || isPending} className={buttonClass}>{isPending ? t("publishing") : t("button")}</button>
        </form>
      ) : null}
      {!props.canPublish && !publishedAt && p ? <p className="text-xs text-slate-500">{t("notPublished")} {t("regulatorOnly")}</p> : null}
    </section>
  );
}

function CountyNames({ codes }: { codes: string[] }) {
  const lang = useLocale() === "en" ? "en" : "zh-CN";
  const shown = codes.slice(0, 12).map((c) => regionName(c, lang) ?? c);
  return <span>{shown.join(lang === "en" ? ", " : "、")}{codes.length > 12 ? ` … (${codes.length})` : ""}</span>;
}
