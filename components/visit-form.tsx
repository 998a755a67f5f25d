"use client";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { logVisitAction } from "@/lib/actions/visits";
import { GUARANTEE_MODES, LOAN_PURPOSES, MAX_NEED_WAN, NO_NEED_REASONS, NOTES_MAX, VISIT_MODES } from "@/lib/schemas/visit";
import { FormError, FormSuccess, buttonClass, newFormKey } from "@/components/form-feedback";
import { AmountInput, LimitedText, useFormFields } from "@/components/form-fields";
import { useFocusOnResult } from "@/components/use-action-form";
import { wanToYuan } from "@/lib/domain/money";
import { VisitOutbox } from "@/components/visit-outbox";
import { formFields, putItem, removeItem, type OutboxItem } from "@/lib/offline/outbox";

type Result = Awaited<ReturnType<typeof logVisitAction>>;

/** How long a save waits for the server before the visit goes to the outbox. */
const ANSWER_TIMEOUT_MS = 20_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error: unknown) => { clearTimeout(timer); reject(error instanceof Error ? error : new Error(String(error))); });
  });
}

/**
 * Visit form for a phone on site: big touch targets, errors next to each field. Without a
 * connection (or when the request cannot reach the server) the visit goes to the outbox with
 * its idempotency key and is sent when the connection returns; nothing typed is lost.
 */
export function VisitForm({ enterpriseId, enterpriseName, userId, today }: { enterpriseId: string; enterpriseName: string; userId: string; today: string }) {
  const t = useTranslations("visit");
  // One key per intended visit (a retry sends the same key, so the server records one visit);
  // a saved or queued visit brings a new key. Editing a refused outbox item reuses its key.
  const [clientKey, setClientKey] = useState(newFormKey);
  const [draft, setDraft] = useState<OutboxItem | null>(null);
  const [state, setState] = useState<Result | null>(null);
  const [queued, setQueued] = useState(false);
  const [isPending, startTransition] = useTransition();
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [hasNeed, setHasNeed] = useState<"yes" | "no">("yes");
  const f = useFormFields(state);
  const fieldError = (name: string) => f.error(name);
  useFocusOnResult(formRef, state, queued);
  const value = (name: string, fallback: string) => draft?.fields[name] ?? fallback;

  function startOver() {
    setDraft(null);
    setClientKey(newFormKey());
    setHasNeed("yes");
    formRef.current?.reset();
  }

  async function queue(data: FormData) {
    await putItem({
      clientKey: String(data.get("clientKey")), userId, enterpriseId, enterpriseName,
      fields: formFields(data), status: "queued", savedAt: new Date().toISOString(),
    });
    setState(null);
    setQueued(true);
    startOver();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    const data = new FormData(event.currentTarget);
    setQueued(false);
    startTransition(async () => {
      try {
        if (!navigator.onLine) return await queue(data);
        let result: Result;
        try {
          result = await withTimeout(logVisitAction(null, data), ANSWER_TIMEOUT_MS);
        } catch {
          // No answer (no signal, or one too weak to finish): keep the visit for later. Should
          // the request still reach the server, the replay's same key answers with that visit.
          return await queue(data);
        }
        setState(result);
        if (result.ok) {
          if (draft) await removeItem(draft.clientKey);
          startOver();
        }
      } finally {
        inFlight.current = false;
      }
    });
  }

  function edit(item: OutboxItem) {
    setDraft(item);
    setClientKey(item.clientKey);
    setHasNeed(item.fields.hasNeed === "no" ? "no" : "yes");
    setQueued(false);
    setState(item.reason ? { ok: false, code: "RULE_VIOLATION", message: item.reason, fieldErrors: item.fieldErrors } as Result : null);
    formRef.current?.scrollIntoView({ block: "start" });
  }

  return (
    <div className="space-y-4">
    <form key={clientKey} ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="enterpriseId" value={enterpriseId} />
      <input type="hidden" name="clientKey" value={clientKey} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={f.id("visitedOn")} className="text-sm font-medium">{t("visitedOn")}</label>
          <input {...f.props("visitedOn")} type="date" defaultValue={value("visitedOn", today)} max={today} />
          {fieldError("visitedOn")}
        </div>
        <fieldset>
          <legend className="text-sm font-medium">{t("mode")}</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {VISIT_MODES.map((mode) => (
              <label key={mode} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2 whitespace-nowrap">
                <input type="radio" {...f.choiceProps("mode")} value={mode} defaultChecked={mode === value("mode", "ON_SITE")} />
                {t(`modes.${mode}`)}
              </label>
            ))}
          </div>
          {fieldError("mode")}
        </fieldset>
      </div>

      <fieldset>
        <legend className="text-sm font-medium">{t("hasNeed")}</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {(["yes", "no"] as const).map((value) => (
            <label key={value} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2 whitespace-nowrap">
              <input type="radio" {...f.choiceProps("hasNeed")} value={value} checked={hasNeed === value} onChange={() => setHasNeed(value)} />
              {t(value === "yes" ? "needYes" : "needNo")}
            </label>
          ))}
        </div>
        {fieldError("hasNeed")}
      </fieldset>

      {hasNeed === "yes" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <AmountInput fields={f} name="amountWan" label={t("amountWan")} defaultValue={value("amountWan", "")} maxYuan={wanToYuan(MAX_NEED_WAN)!} />
          <div>
            <label htmlFor={f.id("termMonths")} className="text-sm font-medium">{t("termMonths")}</label>
            <input {...f.props("termMonths")} inputMode="numeric" defaultValue={value("termMonths", "12")} />
            {fieldError("termMonths")}
          </div>
          <div>
            <label htmlFor={f.id("purpose")} className="text-sm font-medium">{t("purpose")}</label>
            <select {...f.props("purpose")} defaultValue={value("purpose", "WORKING_CAPITAL")}>
              {LOAN_PURPOSES.map((p) => <option key={p} value={p}>{t(`purposes.${p}`)}</option>)}
            </select>
            {fieldError("purpose")}
          </div>
          <div>
            <label htmlFor={f.id("preferredGuarantee")} className="text-sm font-medium">{t("preferredGuarantee")}</label>
            <select {...f.props("preferredGuarantee")} defaultValue={value("preferredGuarantee", "")}>
              <option value="">{t("notStated")}</option>
              {GUARANTEE_MODES.map((g) => <option key={g} value={g}>{t(`guarantees.${g}`)}</option>)}
            </select>
            {fieldError("preferredGuarantee")}
          </div>
        </div>
      ) : (
        <div>
          <label htmlFor={f.id("noNeedReason")} className="text-sm font-medium">{t("noNeedReason")}</label>
          <select {...f.props("noNeedReason")} defaultValue={value("noNeedReason", "")}>
            <option value="" disabled>{t("choose")}</option>
            {NO_NEED_REASONS.map((r) => <option key={r} value={r}>{t(`reasons.${r}`)}</option>)}
          </select>
          {fieldError("noNeedReason")}
        </div>
      )}

      <LimitedText fields={f} name="notes" label={t("notes")} max={NOTES_MAX} rows={3} defaultValue={value("notes", "")} />
      <div className="sm:w-1/2">
        <label htmlFor={f.id("followUpOn")} className="text-sm font-medium">{t("followUpOn")}</label>
        <input {...f.props("followUpOn")} type="date" defaultValue={value("followUpOn", "")} />
        {fieldError("followUpOn")}
      </div>

      <FormError state={state} />
      {state?.ok ? (
        <FormSuccess>{t("saved")}</FormSuccess>
      ) : null}
      {queued ? (
        <p role="status" tabIndex={-1} data-focus-on-result data-testid="visit-queued" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("outbox.queued")}</p>
      ) : null}
      <button type="submit" disabled={isPending} className={buttonClass}>
        {isPending ? t("saving") : t("submit")}
      </button>
    </form>
    <VisitOutbox userId={userId} enterpriseId={enterpriseId} onEdit={edit} />
    </div>
  );
}
