import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/lib/auth/current-actor";
import { getPendingTotpEnrolment } from "@/lib/queries/account/security";
import { ClientMessages } from "@/components/client-messages";
import { SetPasswordForm } from "@/components/account/password-forms";
import { TotpEnrolment } from "@/components/account/totp-enrolment";

export async function generateMetadata() {
  const t = await getTranslations("account.setup");
  return { title: t("title") };
}

/**
 * What a signed-in user must do before anything else opens: set a password of their own
 * (first sign-in, or after an admin's reset), then enrol TOTP where it is required. Only the
 * session's own user, only what is pending; with nothing pending, on to the app.
 */
export default async function AccountSetupPage() {
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  if (!session.pending) redirect("/");
  const t = await getTranslations("account.setup");
  const { actor, pending } = session;
  // Two steps when the password comes first and TOTP is required after it.
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600" data-testid="setup-email">{t("signedInAs", { email: actor.email })}</p>
      </div>
      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        {pending === "password" ? (
          <>
            <h2 className="text-lg font-medium">{t("passwordTitle")}</h2>
            <p className="text-sm text-slate-700">{t("passwordIntro")}</p>
            <ClientMessages namespaces={["account", "errors"]}>
              <SetPasswordForm />
            </ClientMessages>
          </>
        ) : (
          <>
            <h2 className="text-lg font-medium">{t("totpTitle")}</h2>
            <p className="text-sm text-slate-700">{t("totpIntro")}</p>
            <ClientMessages namespaces={["account", "errors"]}>
              <TotpEnrolment pending={await getPendingTotpEnrolment(actor)} email={actor.email} next="/" />
            </ClientMessages>
          </>
        )}
      </section>
    </div>
  );
}
