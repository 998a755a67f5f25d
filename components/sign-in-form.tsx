"use client";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { signInAction } from "@/lib/actions/session";
import type { SignInError, SignInState } from "@/lib/auth/sign-in-errors";

/**
 * One form, posted to Auth.js's credentials sign-in: email, password and — once the server
 * says the account signs in with a second factor — the six-digit code (or a recovery code).
 * The password stays typed while the code is asked for.
 */
export function SignInForm({ callbackUrl, initialError = null }: { callbackUrl?: string; initialError?: SignInError | null }) {
  const t = useTranslations("signIn");
  const initialNeedsOtp = initialError === "otpRequired" || initialError === "otpInvalid";
  const [state, action, isPending] = useActionState<SignInState, FormData>(signInAction, { error: initialError, email: "", needsOtp: initialNeedsOtp });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  return (
    <form action={action} className="space-y-4">
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <label className="block">
        <span className="text-sm font-medium">{t("email")}</span>
        <input name="email" type="email" autoComplete="username" required value={email || state.email} onChange={(e) => setEmail(e.target.value)}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      <label className="block">
        <span className="text-sm font-medium">{t("password")}</span>
        <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      {state.needsOtp ? (
        <label className="block">
          <span className="text-sm font-medium">{t("otp")}</span>
          <input name="otp" inputMode="numeric" autoComplete="one-time-code" required autoFocus maxLength={11}
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2 tracking-widest" aria-describedby="otp-hint" />
          <span id="otp-hint" className="mt-1 block text-xs text-slate-500">{t("otpHint")}</span>
        </label>
      ) : null}
      {state.error ? (
        <p role="alert" className={`rounded px-3 py-2 text-sm ${state.error === "otpRequired" ? "bg-amber-50 text-amber-900" : "bg-red-50 text-red-700"}`}>
          {t(state.error)}
        </p>
      ) : null}
      <button type="submit" disabled={isPending}
        className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {isPending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
