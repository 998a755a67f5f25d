import { getLocale, getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/sign-in-form";
import { LocaleSwitch } from "@/components/locale-switch";
import { ClientMessages } from "@/components/client-messages";
import { demoTotpHint } from "@/lib/auth/demo-hint";
import { signInErrorOf } from "@/lib/auth/sign-in-errors";

export async function generateMetadata() {
  const t = await getTranslations("signIn");
  return { title: t("title") };
}

type Search = { callbackUrl?: string | string[]; error?: string | string[]; code?: string | string[] };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { callbackUrl, error, code } = await searchParams;
  const t = await getTranslations();
  // A script's (or a no-JS browser's) post to Auth.js's callback comes back as ?error=…&code=….
  const initialError = typeof error === "string" ? signInErrorOf(typeof code === "string" ? code : null) : null;
  const demo = await demoTotpHint();
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <div className="mb-6 flex items-start justify-between">
        <div>
          <h1 className="text-2xl font-semibold text-brand-700">{t("app.name")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("app.tagline")}</p>
        </div>
        <LocaleSwitch next={(await getLocale()) === "en" ? "zh-CN" : "en"} label={t("nav.switchLanguage")} />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="mb-4 text-lg font-medium">{t("signIn.title")}</h2>
        <ClientMessages namespaces={["signIn", "errors"]}>
          <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} initialError={initialError} />
        </ClientMessages>
      </div>
      {demo ? (
        <p data-testid="demo-totp" className="mt-4 rounded border border-dashed border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900">
          {t("signIn.demoTotp", { code: demo.code, seconds: demo.secondsLeft })}
        </p>
      ) : null}
    </main>
  );
}
