"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { signInAction, type SignInState } from "@/lib/actions/session";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("signIn");
  const [state, action, isPending] = useActionState<SignInState, FormData>(signInAction, { error: null, email: "" });
  return (
    <form action={action} className="space-y-4">
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <label className="block">
        <span className="text-sm font-medium">{t("email")}</span>
        <input name="email" type="email" autoComplete="username" required defaultValue={state.email}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      <label className="block">
        <span className="text-sm font-medium">{t("password")}</span>
        <input name="password" type="password" autoComplete="current-password" required
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      {state.error ? <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{t(state.error)}</p> : null}
      <button type="submit" disabled={isPending}
        className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {isPending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
