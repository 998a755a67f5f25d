"use client";
import { useTranslations } from "next-intl";
import { endOtherSessionsAction, endSessionAction } from "@/lib/actions/account";
import { FormError } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";

const smallButton = "rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-60";

export function EndSessionButton({ sessionId }: { sessionId: string }) {
  const t = useTranslations("account.sessions");
  const { state, onSubmit, isPending, formRef } = useActionForm(endSessionAction);
  return (
    <form ref={formRef} onSubmit={onSubmit}>
      <input type="hidden" name="sessionId" value={sessionId} />
      <button type="submit" disabled={isPending} className={smallButton}>{t("end")}</button>
      <FormError state={state} />
    </form>
  );
}

export function EndOtherSessionsButton() {
  const t = useTranslations("account.sessions");
  const { state, onSubmit, isPending, formRef } = useActionForm(endOtherSessionsAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-2">
      <button type="submit" disabled={isPending} className="rounded border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50 disabled:opacity-60">
        {t("endOthers")}
      </button>
      {state?.ok ? <p role="status" className="text-sm text-green-800">{t("ended", { count: state.data.sessionsEnded })}</p> : null}
      <FormError state={state} />
    </form>
  );
}
