"use client";
import { useCallback, useEffect, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { logVisitAction } from "@/lib/actions/visits";
import { OUTBOX_EVENT, flushOutbox, listItems, removeItem, type OutboxItem } from "@/lib/offline/outbox";

/**
 * The visits saved offline, with their state: queued (waiting for a connection), sent, or
 * refused with the server's reason (kept, editable). The queue is sent when the connection
 * returns (online event, page focus, a Background Sync wake-up from the service worker).
 * On an enterprise's page its refused items open in the form (`onEdit`); the others link there.
 */
export function VisitOutbox({ userId, enterpriseId, onEdit }: { userId: string; enterpriseId?: string; onEdit?: (item: OutboxItem) => void }) {
  const t = useTranslations("visit.outbox");
  const te = useTranslations("errors");
  const router = useRouter();
  const [items, setItems] = useState<OutboxItem[]>([]);

  const reload = useCallback(() => {
    listItems(userId).then(setItems, () => setItems([]));
  }, [userId]);

  const flush = useCallback(() => {
    if (!navigator.onLine) return;
    void flushOutbox(userId, (data) => logVisitAction(null, data)).then((sent) => {
      reload();
      // The timeline shows what was sent (only then: a refused item keeps the page as it is).
      if (sent > 0) router.refresh();
    }, reload);
  }, [userId, reload, router]);

  useEffect(() => {
    reload();
    flush();
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === "FLUSH_OUTBOX") flush();
    };
    window.addEventListener(OUTBOX_EVENT, reload);
    window.addEventListener("online", flush);
    window.addEventListener("focus", flush);
    navigator.serviceWorker?.addEventListener("message", onMessage);
    return () => {
      window.removeEventListener(OUTBOX_EVENT, reload);
      window.removeEventListener("online", flush);
      window.removeEventListener("focus", flush);
      navigator.serviceWorker?.removeEventListener("message", onMessage);
    };
  }, [reload, flush]);

  if (items.length === 0) return null;
  return (
    <section aria-labelledby="outbox-title" className="rounded-lg border border-amber-200 bg-amber-50 p-4" data-testid="outbox">
      <h2 id="outbox-title" className="font-semibold">{t("title")}</h2>
      <ul className="mt-2 space-y-2">
        {items.map((item) => (
          <li key={item.clientKey} data-testid="outbox-item" data-status={item.status} className="rounded border border-slate-200 bg-white p-2 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{item.enterpriseName}</span>
              <span className="text-slate-600">{item.fields.visitedOn}</span>
              <span data-testid="outbox-status" className={item.status === "refused" ? "text-red-700" : item.status === "sent" ? "text-emerald-800" : "text-amber-800"}>
                {t(`status.${item.status}`)}
              </span>
            </div>
            {item.fields.notes ? <p className="mt-1 text-slate-700">{item.fields.notes}</p> : null}
            {item.status === "refused" && item.reason ? (
              <p data-testid="outbox-reason" className="mt-1 text-red-700">{t("reason", { reason: te(item.reason) })}</p>
            ) : null}
            <div className="mt-2 flex gap-2">
              {item.status === "refused" && onEdit && item.enterpriseId === enterpriseId ? (
                <button type="button" onClick={() => onEdit(item)} className="rounded border border-slate-300 px-3 py-1">{t("edit")}</button>
              ) : item.enterpriseId !== enterpriseId ? (
                <Link href={`/enterprises/${item.enterpriseId}`} className="rounded border border-slate-300 px-3 py-1">{t("open")}</Link>
              ) : null}
              {item.status !== "queued" ? (
                <button type="button" onClick={() => void removeItem(item.clientKey)} className="rounded border border-slate-300 px-3 py-1">
                  {item.status === "sent" ? t("dismiss") : t("discard")}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
