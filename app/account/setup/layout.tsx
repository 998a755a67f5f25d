import { getLocale, getTranslations } from "next-intl/server";
import { LocaleSwitch } from "@/components/locale-switch";
import { signOutAction } from "@/lib/actions/session";

/** Outside the app's layout: a user with set-up still to do is not an actor yet (no navigation). */
export default async function SetupLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-2xl items-center gap-4 px-4 py-3">
          <span className="text-lg font-semibold text-brand-700">{t("app.name")}</span>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <LocaleSwitch next={(await getLocale()) === "en" ? "zh-CN" : "en"} label={t("nav.switchLanguage")} />
            <form action={signOutAction}>
              <button type="submit" className="rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100">{t("nav.signOut")}</button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-6">{children}</main>
    </div>
  );
}
