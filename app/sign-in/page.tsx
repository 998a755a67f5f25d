import { getLocale, getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/sign-in-form";
import { LocaleSwitch } from "@/components/locale-switch";
import { ClientMessages } from "@/components/client-messages";

export async function generateMetadata() {
  const t = await getTranslations("signIn");
  return { title: t("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const t = await getTranslations();
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
          <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
        </ClientMessages>
      </div>
    </main>
  );
}
