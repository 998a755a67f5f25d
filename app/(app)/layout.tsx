import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentSession } from "@/lib/auth/current-actor";
import { signOutAction } from "@/lib/actions/session";
import { LocaleSwitch } from "@/components/locale-switch";
import { NavLinks, type NavLink } from "@/components/nav-links";
import { countPendingApprovals } from "@/lib/queries/count-approvals";
import { countUnreadNotifications } from "@/lib/queries/notifications";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  // A new password or a second factor still to set up: nothing else opens until it is done.
  if (session.pending) redirect("/account/setup");
  const { actor } = session;
  const t = await getTranslations();
  const links: NavLink[] = actor.role === "REGULATOR"
    ? [{ href: "/regulator", label: t("nav.rollups") }]
    : [{ href: "/pool", label: actor.role === "ACCOUNT_MANAGER" ? t("nav.myPool") : t("nav.pool") }];
  // Branch heads: the approval queue, with the number of proposals they may decide.
  if (actor.role === "BRANCH_HEAD") links.push({ href: "/approvals", label: t("approvals.nav"), badge: await countPendingApprovals(actor) });
  // Bank roles: their dashboard (manager home, branch funnel, head office by branch and city).
  if (actor.role !== "REGULATOR") links.unshift({ href: "/dashboard", label: t("dashboard.nav") });
  // Lists in, work out: imports (regulator, head office), 一企一行 rules and coverage
  // (regulator), distribution to branches (head office) and to managers (branch head).
  if (actor.role === "REGULATOR") {
    links.push({ href: "/lists", label: t("nav.lists") }, { href: "/allocation", label: t("nav.allocation") }, { href: "/coverage", label: t("nav.coverage") });
  }
  if (actor.role === "BANK_HEAD_OFFICE") links.push({ href: "/assign", label: t("nav.distribute") }, { href: "/lists", label: t("nav.lists") });
  // The scheduled side: the monthly notice (regulators publish, head offices read their page),
  // the bank's assessment scheme (head office), market-order flags (regulators).
  if (actor.role === "REGULATOR") links.push({ href: "/notices", label: t("nav.notices") }, { href: "/market", label: t("nav.market") });
  if (actor.role === "BANK_HEAD_OFFICE") links.push({ href: "/notices", label: t("nav.notices") }, { href: "/assessment", label: t("nav.assessment") });
  if (actor.role === "BRANCH_HEAD") links.push({ href: "/assign", label: t("nav.assign") });
  // Organisation admin (a head-office admin runs its bank; a regulator admin onboards banks),
  // the audit log (head office: its bank; regulator admin: the regulator side), and everyone's
  // own account security (password, two-factor, sessions, API tokens).
  if (actor.isAdmin) links.push({ href: "/admin", label: t("nav.admin") }, { href: "/jobs", label: t("nav.jobs") });
  if (actor.role === "BANK_HEAD_OFFICE" || (actor.role === "REGULATOR" && actor.isAdmin)) links.push({ href: "/audit", label: t("nav.audit") });
  links.push({ href: "/account", label: t("nav.account") });
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold text-brand-700">{t("app.name")}</Link>
          <NavLinks links={links.map((l) => (l.badge ? { ...l, badgeLabel: t("approvals.badge", { count: l.badge }) } : l))} />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <NotificationBell count={await countUnreadNotifications(actor)} label={t("notifications.bell")} unreadLabel={(n) => t("notifications.bellUnread", { count: n })} />
            <span data-testid="whoami" className="text-slate-600">{actor.name} · {t(`roles.${actor.role}`)}</span>
            <LocaleSwitch next={(await getLocale()) === "en" ? "zh-CN" : "en"} label={t("nav.switchLanguage")} />
            <form action={signOutAction}>
              <button type="submit" className="rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100">{t("nav.signOut")}</button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}

/** The bell: the number of open, unread alerts; opens the notification centre. */
function NotificationBell({ count, label, unreadLabel }: { count: number; label: string; unreadLabel: (n: number) => string }) {
  return (
    <Link href="/notifications" data-testid="bell" aria-label={count > 0 ? unreadLabel(count) : label}
      className="relative inline-flex items-center rounded p-1 text-slate-600 hover:bg-slate-100">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M10.3 20a2 2 0 0 0 3.4 0" strokeLinecap="round" />
      </svg>
      {count > 0 ? (
        <span data-testid="bell-count" className="absolute -right-1 -top-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-medium leading-4 text-white">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
