import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { getAdminOverview } from "@/lib/queries/admin/overview";
import { ClientMessages } from "@/components/client-messages";
import { RequireTotpForm } from "@/components/admin/require-totp-form";

export async function generateMetadata() {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

function Figure({ label, value, testId, warn }: { label: string; value: number; testId: string; warn?: boolean }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="text-sm text-slate-600">{label}</p>
      <p className={`text-2xl font-semibold tabular-nums ${warn && value > 0 ? "text-red-700" : ""}`} data-testid={testId}>{value}</p>
    </div>
  );
}

export default async function AdminHome() {
  const overview = await getAdminOverview(await currentActor());
  if (!overview) notFound();
  const t = await getTranslations("admin");
  const locale = await getLocale();
  const link = "text-brand-700 hover:underline";
  if (overview.kind === "regulator") {
    return (
      <div className="space-y-6">
        <h1 className="text-xl font-semibold">{t("overview.regulatorTitle")}</h1>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Figure label={t("overview.banks")} value={overview.banks} testId="admin-banks" />
          <Figure label={t("overview.activeUsers")} value={overview.activeUsers} testId="admin-active-users" />
          <Figure label={t("overview.disabledUsers")} value={overview.disabledUsers} testId="admin-disabled-users" />
          <Figure label={t("overview.pendingSetup")} value={overview.pendingSetup} testId="admin-pending-setup" />
        </div>
        <div className="flex flex-wrap gap-4 text-sm">
          <Link href="/admin/banks" className={link}>{t("overview.manageBanks")}</Link>
          <Link href="/admin/users" className={link}>{t("overview.manageUsers")}</Link>
        </div>
      </div>
    );
  }
  return (
    <ClientMessages namespaces={["admin", "errors"]}>
      <div className="space-y-6">
        <h1 className="text-xl font-semibold">{t("overview.bankTitle", { bank: locale === "en" ? overview.bankNameEn : overview.bankName })}</h1>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <Figure label={t("overview.activeUsers")} value={overview.activeUsers} testId="admin-active-users" />
          <Figure label={t("overview.disabledUsers")} value={overview.disabledUsers} testId="admin-disabled-users" />
          <Figure label={t("overview.pendingSetup")} value={overview.pendingSetup} testId="admin-pending-setup" />
          <Figure label={t("overview.openBranches")} value={overview.openBranches} testId="admin-open-branches" />
          <Figure label={t("overview.closedBranches")} value={overview.closedBranches} testId="admin-closed-branches" />
          <Figure label={t("overview.handover")} value={overview.clientsNeedingHandover} testId="admin-handover" warn />
        </div>
        {overview.clientsNeedingHandover > 0 ? <p className="text-sm text-slate-600">{t("overview.handoverHint")}</p> : null}
        <div className="flex flex-wrap gap-4 text-sm">
          <Link href="/admin/users" className={link}>{t("overview.manageUsers")}</Link>
          <Link href="/admin/branches" className={link}>{t("overview.manageBranches")}</Link>
        </div>
        <section className="max-w-xl space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-medium">{t("totp.title")}</h2>
          <p className="text-sm" data-testid="require-totp-state">{overview.requireTotp ? t("totp.on") : t("totp.off")}</p>
          <RequireTotpForm requireTotp={overview.requireTotp} />
        </section>
      </div>
    </ClientMessages>
  );
}
