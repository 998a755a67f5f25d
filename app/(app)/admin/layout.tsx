import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";

/**
 * Organisation admin, for admins only: a bank's head-office admin (users, branches, the bank's
 * two-factor rule) or a regulator admin (banks, regulator users). Everyone else: not found.
 * Each page reads through lib/queries/admin and each form posts to lib/actions/admin, which
 * check the caller again.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActor();
  if (!actor?.isAdmin || (actor.role !== "BANK_HEAD_OFFICE" && actor.role !== "REGULATOR")) notFound();
  const t = await getTranslations("admin.tabs");
  const tabs = [
    { href: "/admin", label: t("overview") },
    { href: "/admin/users", label: t("users") },
    actor.role === "REGULATOR" ? { href: "/admin/banks", label: t("banks") } : { href: "/admin/branches", label: t("branches") },
  ];
  return (
    <div className="space-y-6">
      <nav className="flex gap-1 overflow-x-auto border-b border-slate-200 text-sm" data-testid="admin-tabs">
        {tabs.map((tab) => (
          <Link key={tab.href} href={tab.href} className="whitespace-nowrap px-3 py-2 text-slate-700 hover:text-brand-700">{tab.label}</Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
