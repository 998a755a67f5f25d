import QRCode from "qrcode";
import { getTranslations } from "next-intl/server";
import type { PendingTotpEnrolment } from "@/lib/queries/account/security";
import { ConfirmTotpForm, StartTotpForm } from "@/components/account/totp-forms";

/** The secret in groups of four, easier to type into an authenticator by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

/**
 * TOTP enrolment: a button to generate the secret; once one is pending, its QR code (rendered
 * here, on the server), the secret as text, and the code that confirms it.
 */
export async function TotpEnrolment({ pending, email, next }: { pending: PendingTotpEnrolment | null; email: string; next?: string }) {
  const t = await getTranslations("account.totp");
  if (!pending) return <StartTotpForm />;
  const svg = await QRCode.toString(pending.uri, { type: "svg", margin: 1, width: 200, errorCorrectionLevel: "M" });
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <p className="text-sm">{t("scan")}</p>
        <div role="img" aria-label={t("qrLabel")} className="w-[200px] bg-white" dangerouslySetInnerHTML={{ __html: svg }} />
        <p className="text-sm text-slate-600">{t("manual")}</p>
        <p className="font-mono text-base" data-testid="totp-secret" data-secret={pending.secret} aria-label={t("secret")}>{grouped(pending.secret)}</p>
      </div>
      <ConfirmTotpForm email={email} next={next} />
      <StartTotpForm restart />
    </div>
  );
}
