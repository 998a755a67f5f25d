"use client";
import { usePathname } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { setLocaleAction } from "@/lib/actions/session";

/** Switches zh-CN ⇄ English; the choice is kept in a cookie and the page reloads in place. */
export function LocaleSwitch() {
  const locale = useLocale();
  const t = useTranslations("nav");
  const pathname = usePathname();
  const next = locale === "en" ? "zh-CN" : "en";
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={next} />
      <input type="hidden" name="back" value={pathname} />
      <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100" lang={next} data-testid="locale-switch">
        {t("switchLanguage")}
      </button>
    </form>
  );
}
