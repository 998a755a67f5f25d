"use client";
import Link from "next/link";
import { useSyncExternalStore } from "react";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";

// The error pages render where no message catalogue reaches the browser (they must not depend
// on what failed), so their few words live here, in both languages; the language is the
// locale cookie's (Chinese on the server render and by default).
const TEXT = {
  "zh-CN": { title: "页面出错了", body: "系统暂时无法完成这个请求，您填写的内容没有提交。请稍后重试；如果问题持续，请联系管理员并提供下方编号。", retry: "重试", home: "返回首页", ref: "错误编号" },
  en: { title: "Something went wrong", body: "The system could not complete this request and nothing was submitted. Please try again; if it keeps happening, give your administrator the reference below.", retry: "Try again", home: "Home", ref: "Reference" },
} as const;

function cookieLocale(): keyof typeof TEXT {
  return document.cookie.split("; ").some((c) => c === `${LOCALE_COOKIE}=en`) ? "en" : "zh-CN";
}

export function ErrorView({ digest, reset }: { digest?: string; reset: () => void }) {
  const locale = useSyncExternalStore(() => () => {}, cookieLocale, () => "zh-CN" as const);
  const t = TEXT[locale];
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center" role="alert">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <p className="mt-2 text-slate-600">{t.body}</p>
      {digest ? <p className="mt-2 font-mono text-xs text-slate-500">{t.ref}: {digest}</p> : null}
      <div className="mt-6 flex justify-center gap-4">
        <button type="button" onClick={reset} className="rounded bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">{t.retry}</button>
        <Link href="/" className="px-4 py-2 text-brand-700 hover:underline">{t.home}</Link>
      </div>
    </main>
  );
}
