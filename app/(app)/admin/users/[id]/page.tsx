import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { getAdminUser } from "@/lib/queries/admin/user";
import { listAdminBranches } from "@/lib/queries/admin/branches";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { ClientMessages } from "@/components/client-messages";
import { ActiveControl, AdminRightsControl, JurisdictionForm, ResetPasswordControl, ResetTotpControl, RoleForm } from "@/components/admin/user-controls";

export async function generateMetadata() {
  const t = await getTranslations("admin.users");
  return { title: t("title") };
}

/** One user an admin manages: role and branch (or jurisdiction), status, password reset, admin rights. */
export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  const user = await getAdminUser(actor, (await params).id);
  if (!user) notFound();
  const isBank = user.role !== "REGULATOR";
  const branches = isBank ? (await listAdminBranches(actor)) ?? [] : [];
  const t = await getTranslations("admin");
  const locale = toLocale(await getLocale());
  const f = formatters(locale);
  const en = locale === "en";
  const openBranches = branches.filter((b) => !b.closedAt).map((b) => ({ id: b.id, name: en ? b.nameEn : b.name }));
  const controlled = { id: user.id, name: user.name, email: user.email, role: user.role, branchId: user.branchId, jurisdiction: user.jurisdiction, isActive: user.isActive, isAdmin: user.isAdmin };
  const row = (label: string, value: React.ReactNode, testId?: string) => (
    <div className="flex justify-between gap-4 border-t border-slate-100 py-2 first:border-t-0">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right" data-testid={testId}>{value}</dd>
    </div>
  );
  return (
    <ClientMessages namespaces={["admin", "errors"]}>
      <div className="space-y-6">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-xl font-semibold" data-testid="admin-user-name">{user.name}</h1>
          <Link href="/admin/users" className="text-sm text-brand-700 hover:underline">{t("user.back")}</Link>
        </div>
        <section className="max-w-xl rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-medium">{t("user.details")}</h2>
          <dl className="text-sm">
            {row(t("users.email"), user.email)}
            {row(t("users.role"), t(`roles.${user.role}`), "admin-user-role")}
            {isBank
              ? row(t("users.branch"), user.branchName ? (en ? user.branchNameEn : user.branchName) : t("users.headOffice"), "admin-user-branch")
              : row(t("users.jurisdiction"), user.jurisdiction ? t(`jurisdictions.${user.jurisdiction}`) : "—")}
            {row(t("users.status"), user.isActive ? t("users.active") : t("users.disabled"), "admin-user-status")}
            {row(t("users.admin"), user.isAdmin ? "✓" : "—")}
            {row(t("users.mustChange"), user.mustChangePassword ? "✓" : "—")}
            {row(t("users.totp"), user.hasTotp ? "✓" : "—")}
            {row(t("user.openSessions"), user.openSessions, "admin-user-sessions")}
            {isBank ? row(t("user.clients"), user.clients) : null}
            {row(t("user.createdAt"), f.dateTime(user.createdAt.toISOString()))}
            {row(t("user.passwordChangedAt"), user.passwordChangedAt ? f.dateTime(user.passwordChangedAt.toISOString()) : t("user.never"))}
          </dl>
        </section>
        {user.isSelf ? (
          <p className="max-w-xl rounded bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="admin-self">{t("user.self")}</p>
        ) : (
          <div className="grid max-w-4xl gap-4 lg:grid-cols-2">
            {isBank ? <RoleForm user={controlled} branches={openBranches} /> : <JurisdictionForm user={controlled} />}
            <ActiveControl user={controlled} />
            <ResetPasswordControl user={controlled} />
            {user.hasTotp ? <ResetTotpControl user={controlled} /> : null}
            {user.role === "BANK_HEAD_OFFICE" || user.role === "REGULATOR" ? <AdminRightsControl user={controlled} /> : null}
          </div>
        )}
      </div>
    </ClientMessages>
  );
}
