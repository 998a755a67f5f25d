import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { listAdminBanks } from "@/lib/queries/admin/banks";
import { ClientMessages } from "@/components/client-messages";
import { CreateBankForm } from "@/components/admin/create-bank-form";

export async function generateMetadata() {
  const t = await getTranslations("admin.banks");
  return { title: t("title") };
}

/** The regulator admin's banks: who is in the programme, and onboarding a new one. */
export default async function AdminBanksPage() {
  const banks = await listAdminBanks(await currentActor());
  if (!banks) notFound();
  const t = await getTranslations("admin.banks");
  return (
    <ClientMessages namespaces={["admin", "errors"]}>
      <div className="space-y-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600 rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="bank-table">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("code")}</th>
                <th className="px-3 py-2">{t("name")}</th>
                <th className="px-3 py-2">{t("branches")}</th>
                <th className="px-3 py-2">{t("users")}</th>
                <th className="px-3 py-2">{t("admins")}</th>
                <th className="px-3 py-2">{t("totp")}</th>
              </tr>
            </thead>
            <tbody>
              {banks.map((b) => (
                <tr key={b.id} className="border-t border-slate-100" data-testid="bank-row">
                  <td className="px-3 py-2 font-mono text-xs">{b.code}</td>
                  <td className="px-3 py-2"><div>{b.name}</div><div className="text-xs text-slate-500">{b.nameEn}</div></td>
                  <td className="px-3 py-2 tabular-nums">{b.openBranches}</td>
                  <td className="px-3 py-2 tabular-nums">{b.activeUsers}</td>
                  <td className={`px-3 py-2 tabular-nums ${b.admins === 0 ? "font-medium text-red-700" : ""}`}>{b.admins}</td>
                  <td className="px-3 py-2">{b.requireTotp ? t("yes") : t("no")}</td>
                </tr>
              ))}
              {banks.length === 0 ? <tr><td colSpan={6} className="px-3 py-8 text-center text-slate-500">{t("empty")}</td></tr> : null}
            </tbody>
          </table>
        </div>
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-medium">{t("create.title")}</h2>
          <CreateBankForm />
        </section>
      </div>
    </ClientMessages>
  );
}
