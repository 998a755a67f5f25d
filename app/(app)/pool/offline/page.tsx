import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { listRecentClients, OFFLINE_CLIENTS } from "@/lib/queries/recent-clients";
import { todayInShanghai } from "@/lib/domain/dates";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { StageBadge } from "@/components/stage-badge";

export async function generateMetadata() {
  const t = await getTranslations("pool");
  return { title: t("offlineTitle") };
}

/**
 * A manager's most recent clients, read-only, as cards: the service worker keeps this page
 * (app/sw.ts), so the list opens on a phone without a signal.
 */
export default async function OfflinePoolPage() {
  const clients = await listRecentClients(await currentActor());
  if (!clients) notFound();
  const t = await getTranslations();
  const f = formatters(toLocale(await getLocale()));
  const today = todayInShanghai();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("pool.offlineTitle")}</h1>
      <p className="text-sm text-slate-600">{t("pool.offlineIntro", { count: OFFLINE_CLIENTS })}</p>
      <ul className="space-y-2" data-testid="offline-clients">
        {clients.map((c) => {
          const overdue = c.nextFollowUpOn !== null && c.nextFollowUpOn < today;
          return (
            <li key={c.enterpriseId} className="rounded-lg border border-slate-200 bg-white p-3">
              <div className="flex items-start justify-between gap-2">
                <Link href={`/enterprises/${c.enterpriseId}`} className="font-medium text-brand-700 hover:underline">{c.name}</Link>
                <StageBadge stage={c.stage} />
              </div>
              <p className="mt-1 text-sm text-slate-600">
                {t("pool.lastContact")}：{c.lastContactOn ? f.date(c.lastContactOn) : "—"}
                {" · "}
                {t("pool.nextFollowUp")}：{c.nextFollowUpOn ? f.date(c.nextFollowUpOn) : "—"}
                {overdue ? <span className="font-medium text-red-700">（{t("pool.offlineOverdue")}）</span> : null}
              </p>
            </li>
          );
        })}
        {clients.length === 0 ? <li className="text-slate-500">{t("pool.empty")}</li> : null}
      </ul>
    </div>
  );
}
