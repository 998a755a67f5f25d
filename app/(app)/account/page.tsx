import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor, currentSession } from "@/lib/auth/current-actor";
import { toLocale } from "@/lib/i18n/locale";
import { formatters } from "@/lib/i18n/format";
import { getAccountSecurity, getPendingTotpEnrolment } from "@/lib/queries/account/security";
import { listOwnSessions } from "@/lib/queries/account/sessions";
import { listOwnApiTokens } from "@/lib/queries/account/api-tokens";
import { ClientMessages } from "@/components/client-messages";
import { ChangePasswordForm } from "@/components/account/password-forms";
import { TotpEnrolment } from "@/components/account/totp-enrolment";
import { DisableTotpForm, RegenerateRecoveryCodesForm } from "@/components/account/totp-forms";
import { EndOtherSessionsButton, EndSessionButton } from "@/components/account/session-forms";
import { CreateApiTokenForm, RevokeApiTokenButton } from "@/components/account/api-token-forms";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("title") };
}

const card = "space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm";

/** The signed-in user's own security: password, two-factor, sessions, personal API tokens. */
export default async function AccountPage() {
  const actor = await currentActor();
  const security = await getAccountSecurity(actor);
  if (!actor || !security) notFound();
  const session = await currentSession();
  const [sessions, tokens, pendingTotp] = await Promise.all([
    listOwnSessions(actor, session?.sessionId),
    listOwnApiTokens(actor),
    security.totp.enrolled ? null : getPendingTotpEnrolment(actor),
  ]);
  const t = await getTranslations("account");
  const f = formatters(toLocale(await getLocale()));
  const at = (iso: string | null, none: string) => (iso ? f.dateTime(iso) : none);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <ClientMessages namespaces={["account", "errors"]}>
        <section aria-labelledby="password-title" className={card}>
          <h2 id="password-title" className="text-lg font-medium">{t("password.title")}</h2>
          <p className="text-sm text-slate-600">
            {security.passwordChangedAt ? t("password.lastChanged", { at: f.dateTime(security.passwordChangedAt) }) : t("password.neverChanged")}
          </p>
          <ChangePasswordForm />
        </section>

        <section aria-labelledby="totp-title" className={card}>
          <h2 id="totp-title" className="text-lg font-medium">{t("totp.title")}</h2>
          <p className="text-sm" data-testid="totp-status">
            {security.totp.enrolled ? t("totp.on", { at: at(security.totp.enabledAt, "") }) : t("totp.off")}
            {" · "}
            {security.totp.required ? t("totp.required") : t("totp.optional")}
          </p>
          {security.totp.enrolled ? (
            <>
              <p className="text-sm text-slate-600">{t("totp.recoveryLeft", { count: security.totp.recoveryCodesLeft })}</p>
              <h3 className="font-medium">{t("totp.regenerateTitle")}</h3>
              <RegenerateRecoveryCodesForm email={security.email} />
              {security.totp.required ? null : (
                <>
                  <h3 className="font-medium">{t("totp.disableTitle")}</h3>
                  <DisableTotpForm />
                </>
              )}
            </>
          ) : (
            <TotpEnrolment pending={pendingTotp} email={security.email} />
          )}
        </section>

        <section aria-labelledby="sessions-title" className={card}>
          <h2 id="sessions-title" className="text-lg font-medium">{t("sessions.title")}</h2>
          <p className="text-sm text-slate-600">{t("sessions.intro")}</p>
          <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600">
            <table className="w-full text-left text-sm" data-testid="sessions">
              <thead className="text-slate-600">
                <tr>
                  <th className="py-2 pr-4 font-medium">{t("sessions.createdAt")}</th>
                  <th className="py-2 pr-4 font-medium">{t("sessions.lastSeenAt")}</th>
                  <th className="py-2 pr-4 font-medium">{t("sessions.ip")}</th>
                  <th className="py-2 pr-4 font-medium">{t("sessions.browser")}</th>
                  <th className="py-2" />
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id} className="border-t border-slate-100">
                    <td className="py-2 pr-4 whitespace-nowrap">{f.dateTime(s.createdAt)}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">{f.dateTime(s.lastSeenAt)}</td>
                    <td className="py-2 pr-4 font-mono">{s.ip ?? t("sessions.unknown")}</td>
                    <td className="py-2 pr-4">{s.browser ?? t("sessions.unknown")}</td>
                    <td className="py-2 text-right">
                      {s.current ? <span className="text-xs font-medium text-green-800">{t("sessions.current")}</span> : <EndSessionButton sessionId={s.id} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {sessions.some((s) => !s.current) ? <EndOtherSessionsButton /> : null}
        </section>

        <section aria-labelledby="tokens-title" className={card}>
          <h2 id="tokens-title" className="text-lg font-medium">{t("tokens.title")}</h2>
          <p className="text-sm text-slate-600">{t("tokens.intro")}</p>
          <CreateApiTokenForm />
          <h3 className="font-medium">{t("tokens.list")}</h3>
          {tokens.length === 0 ? <p className="text-sm text-slate-600">{t("tokens.none")}</p> : (
            <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600">
              <table className="w-full text-left text-sm" data-testid="api-tokens">
                <thead className="text-slate-600">
                  <tr>
                    <th className="py-2 pr-4 font-medium">{t("tokens.name")}</th>
                    <th className="py-2 pr-4 font-medium">{t("tokens.prefix")}</th>
                    <th className="py-2 pr-4 font-medium">{t("tokens.createdAt")}</th>
                    <th className="py-2 pr-4 font-medium">{t("tokens.lastUsedAt")}</th>
                    <th className="py-2 pr-4 font-medium">{t("tokens.expiresAt")}</th>
                    <th className="py-2" />
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((token) => (
                    <tr key={token.id} className="border-t border-slate-100">
                      <td className="py-2 pr-4">{token.name}</td>
                      <td className="py-2 pr-4 font-mono">{token.prefix}…</td>
                      <td className="py-2 pr-4 whitespace-nowrap">{f.dateTime(token.createdAt)}</td>
                      <td className="py-2 pr-4 whitespace-nowrap">{at(token.lastUsedAt, t("tokens.never"))}</td>
                      <td className="py-2 pr-4 whitespace-nowrap">
                        {token.expired ? <span className="text-red-700">{t("tokens.expired")}</span> : at(token.expiresAt, t("tokens.noEnd"))}
                      </td>
                      <td className="py-2 text-right"><RevokeApiTokenButton tokenId={token.id} name={token.name} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </ClientMessages>
    </div>
  );
}
