import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { listRecentClients, OFFLINE_CLIENTS } from "@/lib/queries/recent-clients";
import { todayInShanghai } from "@/lib/domain/dates";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { StageBadge } from "@/components/stage-badge";
import { ClientMessages } from "@/components/client-messages";
import { OfflineVisit } from "@/components/offline-visit";

export async function generateMetadata() {
  const t = await getTranslations("pool");
  return { title: t("offlineTitle") };
}

/**
 * A manager's most recent clients, read-only, as cards, each with its visit form (opened on
 * demand): the service worker keeps this page (app/sw.ts), so the list opens and visits can be
 * logged on a phone without a signal; they wait in the outbox until the connection returns.
 */
export default async function OfflinePoolPage() {
  const actor = await currentActor();
  const clients = await listRecentClients(actor);
  if (!actor || !clients) notFound();
  const t = await getTranslations();
  const f = formatters(toLocale(await getLocale()));
  const today = todayInShanghai();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("pool.offlineTitle")}</h1>
      <p className="text-sm text-slate-600">{t("pool.offlineIntro", { count: OFFLINE_CLIENTS })}</p>
      <ClientMessages namespaces={["visit", "errors"]}>
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
                <OfflineVisit label={t("pool.offlineVisit")} enterpriseId={c.enterpriseId} enterpriseName={c.name} userId={actor.userId} today={today} />
              </li>
            );
          })}
          {clients.length === 0 ? <li className="text-slate-500">{t("pool.empty")}</li> : null}
        </ul>
      </ClientMessages>
    </div>
  );
}
