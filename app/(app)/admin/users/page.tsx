import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { listAdminUsers } from "@/lib/queries/admin/users";
import { listAdminBranches } from "@/lib/queries/admin/branches";
import { BANK_ROLES, userFilterSchema } from "@/lib/schemas/admin";
import { ClientMessages } from "@/components/client-messages";
import { CreateUserForm } from "@/components/admin/create-user-form";

export async function generateMetadata() {
  const t = await getTranslations("admin.users");
  return { title: t("title") };
}

type Params = Record<string, string | string[] | undefined>;

/** The users an admin manages, filtered (branch, role, active, name or email), and a new-user form. */
export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await currentActor();
  const filter = userFilterSchema.parse(await searchParams);
  const list = await listAdminUsers(actor, filter);
  if (!list) notFound();
  const isBank = list.scope === "bank";
  const branches = isBank ? (await listAdminBranches(actor)) ?? [] : [];
  const t = await getTranslations("admin");
  const en = (await getLocale()) === "en";
  const branchName = (b: { name: string; nameEn: string }) => (en ? b.nameEn : b.name);
  const select = "rounded border border-slate-300 px-2 py-2";
  return (
    <ClientMessages namespaces={["admin", "errors"]}>
      <div className="space-y-6">
        <h1 className="text-xl font-semibold">{isBank ? t("users.title") : t("users.regulatorTitle")}</h1>
        <form method="get" action="/admin/users" className="flex flex-wrap items-end gap-2" role="search" data-testid="user-filter">
          <input name="q" type="search" defaultValue={filter.q ?? ""} placeholder={t("users.filter.q")} aria-label={t("users.filter.q")} className="w-56 rounded border border-slate-300 px-3 py-2" />
          {isBank ? (
            <>
              <select name="branch" defaultValue={filter.branch ?? ""} aria-label={t("users.filter.branch")} className={select}>
                <option value="">{t("users.filter.allBranches")}</option>
                <option value="none">{t("users.filter.headOffice")}</option>
                {branches.map((b) => <option key={b.id} value={b.id}>{branchName(b)}</option>)}
              </select>
              <select name="role" defaultValue={filter.role ?? ""} aria-label={t("users.filter.role")} className={select}>
                <option value="">{t("users.filter.allRoles")}</option>
                {BANK_ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
              </select>
            </>
          ) : null}
          <select name="active" defaultValue={filter.active ?? ""} aria-label={t("users.filter.active")} className={select}>
            <option value="">{t("users.filter.all")}</option>
            <option value="yes">{t("users.filter.activeOnly")}</option>
            <option value="no">{t("users.filter.disabledOnly")}</option>
          </select>
          <button type="submit" className="min-h-11 rounded bg-slate-800 px-4 py-2 text-white">{t("users.filter.apply")}</button>
        </form>
        <p className="text-sm text-slate-600" data-testid="user-count">
          {t("users.count", { count: list.rows.length })}
          {list.truncated ? ` ${t("users.truncated", { count: list.rows.length })}` : ""}
        </p>
        <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600 rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="user-table">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("users.name")}</th>
                <th className="hidden px-3 py-2 sm:table-cell">{t("users.email")}</th>
                <th className="px-3 py-2">{t("users.role")}</th>
                <th className="px-3 py-2">{isBank ? t("users.branch") : t("users.jurisdiction")}</th>
                <th className="px-3 py-2">{t("users.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((u) => (
                <tr key={u.id} className="border-t border-slate-100 hover:bg-slate-50" data-testid="user-row" data-user={u.id}>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <Link href={`/admin/users/${u.id}`} className="text-brand-700 hover:underline">{u.name}</Link>
                    {u.isSelf ? <span className="text-slate-500">{t("users.you")}</span> : null}
                    {/* On a phone the email sits under the name instead of its own column. */}
                    <div className="text-xs text-slate-500 sm:hidden">{u.email}</div>
                  </td>
                  <td className="hidden px-3 py-2 sm:table-cell">{u.email}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{t(`roles.${u.role}`)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {isBank ? (u.branchName ? (en ? u.branchNameEn : u.branchName) : t("users.headOffice")) : u.jurisdiction ? t(`jurisdictions.${u.jurisdiction}`) : "—"}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <div className="flex gap-1">
                      <span className={`rounded px-2 py-0.5 text-xs ${u.isActive ? "bg-emerald-50 text-emerald-800" : "bg-slate-200 text-slate-700"}`}>{u.isActive ? t("users.active") : t("users.disabled")}</span>
                      {u.isAdmin ? <span className="rounded bg-brand-50 px-2 py-0.5 text-xs text-brand-700">{t("users.admin")}</span> : null}
                      {u.mustChangePassword ? <span className="rounded bg-amber-50 px-2 py-0.5 text-xs text-amber-800">{t("users.mustChange")}</span> : null}
                    </div>
                  </td>
                </tr>
              ))}
              {list.rows.length === 0 ? <tr><td colSpan={5} className="px-3 py-8 text-center text-slate-500">{t("users.empty")}</td></tr> : null}
            </tbody>
          </table>
        </div>
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-medium">{isBank ? t("users.create.title") : t("users.create.regulatorTitle")}</h2>
          <CreateUserForm scope={list.scope} branches={branches.filter((b) => !b.closedAt).map((b) => ({ id: b.id, name: branchName(b) }))} />
        </section>
      </div>
    </ClientMessages>
  );
}
