import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { markNotificationsReadAction } from "@/lib/actions/notifications";
import { describeNotification } from "@/lib/alerts/describe";
import { todayInShanghai } from "@/lib/domain/dates";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { listNotifications } from "@/lib/queries/notifications";

export async function generateMetadata() {
  const t = await getTranslations("notifications");
  return { title: t("title") };
}

/** The notification centre: the caller's own alerts, digests and notices. */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  const { show } = await searchParams;
  const history = show === "all";
  const rows = await listNotifications(await currentActor(), { history });
  const t = await getTranslations("notifications");
  const f = formatters(toLocale(await getLocale()));
  const today = todayInShanghai();
  const hasUnread = rows.some((r) => !r.readAt && !r.closedAt);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <div className="flex items-center gap-3 text-sm">
          <Link href="/notifications" aria-current={history ? undefined : "page"} className={history ? "text-brand-700 hover:underline" : "font-medium"}>{t("open")}</Link>
          <Link href="/notifications?show=all" aria-current={history ? "page" : undefined} className={history ? "font-medium" : "text-brand-700 hover:underline"}>{t("history")}</Link>
          {hasUnread ? (
            <form action={markNotificationsReadAction}>
              <input type="hidden" name="all" value="yes" />
              <button type="submit" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50">{t("markAllRead")}</button>
            </form>
          ) : null}
        </div>
      </div>
      {rows.length === 0 ? <p className="text-sm text-slate-500">{t(history ? "emptyHistory" : "empty")}</p> : null}
      <ul className="space-y-2" data-testid="notifications">
        {rows.map((row) => {
          const { text, href, linkKey } = describeNotification(row, today, (key, values) => t(key, values), f);
          const unread = !row.readAt && !row.closedAt;
          return (
            <li key={row.id} data-testid="notification" data-kind={row.kind}
              className={`rounded-lg border bg-white p-3 text-sm ${unread ? "border-red-300" : "border-slate-200"} ${row.closedAt ? "border-dashed" : ""}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">
                  {unread ? <span role="img" className="mr-2 inline-block h-2 w-2 rounded-full bg-red-600" aria-label={t("unread")} /> : null}
                  {t(`kinds.${row.kind}`)}
                  {row.enterpriseName ? <span className="ml-2 text-slate-700">{row.enterpriseName}</span> : null}
                </span>
                <span className="text-xs text-slate-500">{f.dateTime(row.createdAt)}</span>
              </div>
              <p className="mt-1 text-slate-700">{text}</p>
              <div className="mt-2 flex items-center gap-3 text-xs">
                {href && linkKey ? <Link href={href} className="text-brand-700 hover:underline">{t(linkKey)}</Link> : null}
                {row.closedAt ? <span className="text-slate-500">{t("closed")}</span> : null}
                {unread ? (
                  <form action={markNotificationsReadAction}>
                    <input type="hidden" name="id" value={row.id} />
                    <button type="submit" className="text-slate-600 hover:underline">{t("markRead")}</button>
                  </form>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
