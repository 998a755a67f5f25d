"use client";
import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { setAllocationRulesAction } from "@/lib/actions/allocation";
import { buttonClass, inputClass } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";
import { useErrorText } from "@/components/allocation/use-error-text";

type Row = { key: number; bankId: string; share: string };

/**
 * One county's rule: banks and shares, with the running total. Posts bank_i / share_i rows
 * (lib/schemas/allocation.ts); the server checks the sum, so a wrong total writes nothing.
 */
export function RulesForm(props: {
  countyCode: string;
  countyName: string;
  banks: { id: string; name: string }[];
  initial: { bankId: string; share: number }[];
  maxRows: number;
}) {
  const t = useTranslations("allocation.rules");
  const errorText = useErrorText();
  const { state, onSubmit, isPending, formRef } = useActionForm(setAllocationRulesAction);
  const [rows, setRows] = useState<Row[]>(() =>
    props.initial.length
      ? props.initial.map((r, i) => ({ key: i, bankId: r.bankId, share: String(r.share) }))
      : [{ key: 0, bankId: "", share: "100" }],
  );
  const [nextKey, setNextKey] = useState(rows.length);
  const sum = rows.reduce((s, r) => s + (Number.parseInt(r.share, 10) || 0), 0);
  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const fieldErrors = state && !state.ok ? Object.values(state.fieldErrors ?? {}).flat() : [];

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-3" noValidate data-testid="rules-form">
      <input type="hidden" name="countyCode" value={props.countyCode} />
      <h2 className="text-base font-semibold">{t("editTitle", { county: props.countyName })}</h2>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-slate-600"><th className="py-1">{t("bank")}</th><th className="w-32 py-1">{t("share")}</th><th className="w-20" /></tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.key}>
              <td className="py-1 pr-2">
                <select name={`bank_${i}`} value={row.bankId} onChange={(e) => update(row.key, { bankId: e.target.value })} className={inputClass} aria-label={t("bank")}>
                  <option value="">{t("chooseBank")}</option>
                  {props.banks.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
                </select>
              </td>
              <td className="py-1 pr-2">
                <input name={`share_${i}`} inputMode="numeric" value={row.share} onChange={(e) => update(row.key, { share: e.target.value })} className={inputClass} aria-label={t("share")} />
              </td>
              <td className="py-1">
                <button type="button" className="text-sm text-red-700 hover:underline" onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}>{t("removeRow")}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <button type="button" disabled={rows.length >= props.maxRows} className="text-brand-700 hover:underline disabled:opacity-50"
          onClick={() => { setRows((rs) => [...rs, { key: nextKey, bankId: "", share: "" }]); setNextKey((k) => k + 1); }}>
          {t("addRow")}
        </button>
        <span className={`tabular-nums ${rows.length && sum !== 100 ? "font-medium text-red-700" : "text-slate-700"}`} data-testid="rules-sum">{t("sum", { sum })}</span>
      </div>
      <p className="text-xs text-slate-500">{t("sumHint")}</p>
      {state && !state.ok ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="rules-error">
          {(fieldErrors.length ? fieldErrors : [state.message]).map(errorText).join(" ")}
        </p>
      ) : null}
      {state?.ok ? <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{t("saved", { county: props.countyName })}</p> : null}
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={isPending} className={buttonClass}>{isPending ? t("saving") : t("save")}</button>
        <Link href="/allocation" className="text-sm text-brand-700 hover:underline">{t("close")}</Link>
      </div>
    </form>
  );
}
