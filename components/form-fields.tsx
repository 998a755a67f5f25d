"use client";
import { useEffect, useId, useRef, useState, type RefObject } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/run";
import { readWanAmount, wanFigure } from "@/lib/domain/amount-input";
import { MAX_CREDIT_YUAN } from "@/lib/domain/credit";
import { formatYuan, type Money } from "@/lib/domain/money";
import { toLocale } from "@/lib/i18n/locale";
import { FieldError, fieldErrorKeys, inputClass, inputErrorClass, useErrorText } from "@/components/form-feedback";

type Extra = Record<string, string[] | undefined>;

/**
 * Ids and accessibility props of a form's fields. Ids carry a per-form prefix (useId), so two
 * forms on one page (one per credit line) never share one; `aria-describedby` names only the
 * elements that are there; a field with an error gets `aria-invalid` and a red border.
 * `local` adds errors found in the browser before anything was sent.
 */
export function useFormFields<T>(state: ActionResult<T> | null, local: Extra = {}) {
  const prefix = useId();
  const id = (name: string) => `${prefix}${name}`;
  const errorId = (name: string) => `${prefix}${name}-error`;
  const errors = (name: string) => [...(local[name] ?? []), ...fieldErrorKeys(state, name)];
  const hasError = (name: string) => errors(name).length > 0;
  return {
    id,
    errorId,
    hasError,
    /** Props for the input, select or textarea of `name`; `describedBy` lists other rendered hints. */
    props(name: string, options: { describedBy?: (string | false | null | undefined)[]; className?: string } = {}) {
      const invalid = hasError(name);
      const describedBy = [...(options.describedBy ?? []), invalid && errorId(name)].filter(Boolean).join(" ");
      return {
        id: id(name),
        name,
        "aria-invalid": invalid || undefined,
        "aria-describedby": describedBy || undefined,
        className: `${invalid ? inputErrorClass : inputClass}${options.className ? ` ${options.className}` : ""}`,
      };
    },
    /** Props for each radio of a group `name` (the group's error is announced with each). */
    choiceProps(name: string) {
      const invalid = hasError(name);
      return { name, "aria-invalid": invalid || undefined, "aria-describedby": invalid ? errorId(name) : undefined };
    },
    /** The field's errors (server and local), under the field. */
    error(name: string) {
      return <FieldError state={state} name={name} id={errorId(name)} keys={local[name]} />;
    },
  };
}

export type FormFields = ReturnType<typeof useFormFields>;

/** Calls `onReset` when the field's form is reset (after a success), so echoes and counters follow. */
function useOnFormReset(ref: RefObject<HTMLInputElement | HTMLTextAreaElement | null>, onReset: () => void) {
  const latest = useRef(onReset);
  useEffect(() => {
    latest.current = onReset;
  });
  useEffect(() => {
    const form = ref.current?.form;
    if (!form) return;
    const listener = () => latest.current();
    form.addEventListener("reset", listener);
    return () => form.removeEventListener("reset", listener);
  }, [ref]);
}

/** Characters typed against a limit, read out politely as it changes. */
export function CharCounter({ id, length, max }: { id: string; length: number; max: number }) {
  const t = useTranslations("form");
  const left = max - length;
  return (
    <p id={id} aria-live="polite" className={`mt-1 text-xs ${left <= max / 10 ? "text-amber-800" : "text-slate-600"}`} data-testid="char-counter">
      {t("charsLeft", { left, max })}
    </p>
  );
}

/** A text field or area limited to `max` characters, with its live counter. */
export function LimitedText({ fields, name, label, max, rows, defaultValue = "", placeholder, readOnly }: {
  fields: FormFields; name: string; label: string; max: number; rows?: number; defaultValue?: string; placeholder?: string; readOnly?: boolean;
}) {
  const [length, setLength] = useState(defaultValue.length);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useOnFormReset(ref, () => setLength(defaultValue.length));
  const counterId = `${fields.id(name)}-count`;
  const common = {
    ref,
    ...fields.props(name, { describedBy: [counterId] }),
    maxLength: max, defaultValue, placeholder, readOnly,
    onInput: (event: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>) => setLength(event.currentTarget.value.length),
  };
  return (
    <div>
      <label htmlFor={fields.id(name)} className="text-sm font-medium">{label}</label>
      {rows ? <textarea rows={rows} {...common} /> : <input {...common} />}
      <CharCounter id={counterId} length={length} max={max} />
      {fields.error(name)}
    </div>
  );
}

/**
 * The one amount input: typed in 万元, with a live echo of what it will record ("= 150.00 万元
 * = 1,500,000.00 元"), read by the same exact parser as the server's schema; commas, spaces and
 * full-width digits are accepted.
 */
export function AmountInput({ fields, name, label, defaultValue = "", maxYuan = MAX_CREDIT_YUAN, disabled }: {
  fields: FormFields; name: string; label: string; defaultValue?: string; maxYuan?: Money; disabled?: boolean;
}) {
  const t = useTranslations("form");
  const say = useErrorText();
  const locale = toLocale(useLocale());
  const [text, setText] = useState(defaultValue);
  const ref = useRef<HTMLInputElement>(null);
  useOnFormReset(ref, () => setText(defaultValue));
  const reading = readWanAmount(text, maxYuan);
  const echoId = `${fields.id(name)}-echo`;
  let echo: string;
  if (reading.ok) echo = t("amountEcho", { wan: wanFigure(reading.yuan), yuan: formatYuan(reading.yuan, locale) });
  else if (reading.error === "required") echo = t("amountUnit");
  else echo = say(reading.error);
  return (
    <div>
      <label htmlFor={fields.id(name)} className="text-sm font-medium">{label}</label>
      <input ref={ref} {...fields.props(name, { describedBy: [echoId] })} inputMode="decimal" autoComplete="off" defaultValue={defaultValue} disabled={disabled}
        onInput={(event) => setText(event.currentTarget.value)} />
      <p id={echoId} aria-live="polite" data-testid={`echo-${name}`} className={`mt-1 text-sm ${reading.ok || reading.error === "required" ? "text-slate-700" : "text-amber-800"}`}>
        {echo}
      </p>
      {fields.error(name)}
    </div>
  );
}
