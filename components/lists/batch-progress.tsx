"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { cancelListImportAction } from "@/lib/actions/lists";

type Live = {
  status: "QUEUED" | "RUNNING" | "DONE" | "FAILED" | "CANCELLED";
  rows: number;
  accepted: number;
  rejected: number;
  cancelRequested: boolean;
  progress: { percent: number | null; secondsLeft: number | null; isMerging: boolean };
};

const POLL_MS = 1000;

function duration(seconds: number, locale: string): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (locale === "en") return m ? `${m} min ${s} s` : `${s} s`;
  return m ? `${m} 分 ${s} 秒` : `${s} 秒`;
}

/**
 * The import's progress while it runs: asks GET /api/v1/lists/batches/{id} every second
 * (rows read, accepted, rejected, time left) and refreshes the page once the import ends,
 * so the outcome below is rendered on the server. The cancel button asks the job to stop.
 */
export function BatchProgress({ batchId, initial, locale }: { batchId: string; initial: Live; locale: string }) {
  const t = useTranslations("listImport");
  const router = useRouter();
  const [live, setLive] = useState<Live>(initial);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [isCancelling, setIsCancelling] = useState(false);
  const ended = useRef(false);

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const response = await fetch(`/api/v1/lists/batches/${batchId}`, { cache: "no-store" });
        if (response.ok) {
          const next = (await response.json()) as Live;
          if (stopped) return;
          setLive(next);
          if (!["QUEUED", "RUNNING"].includes(next.status) && !ended.current) {
            ended.current = true;
            router.refresh();
            return;
          }
        }
      } catch {
        // A lost poll (network blip) is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    let timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [batchId, router]);

  async function cancel() {
    setIsCancelling(true);
    const data = new FormData();
    data.set("batchId", batchId);
    const result = await cancelListImportAction(null, data);
    setIsCancelling(false);
    if (!result.ok) setCancelError(result.message);
  }

  const { percent, secondsLeft, isMerging } = live.progress;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="progress-title" data-testid="batch-progress">
      <h2 id="progress-title" className="font-medium">{t("batch.progress")}</h2>
      <progress max={100} value={live.status === "QUEUED" ? 0 : (percent ?? 0)} className="mt-3 h-3 w-full" aria-label={t("batch.progress")} />
      <p className="mt-2 flex flex-wrap gap-x-4 text-sm text-slate-700" role="status">
        {live.status === "QUEUED" ? <span>{t("batch.queued")}</span> : (
          <>
            <span data-testid="rows-read">{t("batch.rowsRead", { count: live.rows })}</span>
            <span className="text-green-700">{t("batch.accepted", { count: live.accepted })}</span>
            <span className="text-red-700">{t("batch.rejected", { count: live.rejected })}</span>
            {isMerging ? <span>{t("batch.merging")}</span> : secondsLeft !== null ? <span>{t("batch.timeLeft", { time: duration(secondsLeft, locale) })}</span> : null}
          </>
        )}
      </p>
      <div className="mt-3 flex items-center gap-3">
        {live.cancelRequested ? <span className="text-sm text-slate-600">{t("batch.cancelRequested")}</span> : (
          <button type="button" onClick={cancel} disabled={isCancelling}
            className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60">
            {isCancelling ? t("batch.cancelling") : t("batch.cancel")}
          </button>
        )}
        {cancelError ? <span role="alert" className="text-sm text-red-700">{t(`errors.${cancelError}`)}</span> : null}
      </div>
    </section>
  );
}
