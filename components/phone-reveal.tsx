"use client";
import { useState, useTransition } from "react";
import { revealPhoneAction } from "@/lib/actions/personal-data";

/**
 * The legal representative's phone, masked (138****1569) until the user asks for the full
 * number; the server checks the request and writes it to the audit log. The labels come from
 * the page (no client catalogue needed for two strings).
 */
export function PhoneReveal({ enterpriseId, masked, labels }: { enterpriseId: string; masked: string; labels: { show: string; failed: string; masked: string } }) {
  const [phone, setPhone] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [isPending, startTransition] = useTransition();
  const reveal = () =>
    startTransition(async () => {
      const result = await revealPhoneAction(enterpriseId);
      if (result.ok && result.data.phone) setPhone(result.data.phone);
      else setFailed(true);
    });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="font-mono" data-testid="legal-rep-phone" title={phone ? undefined : labels.masked}>{phone ?? masked}</span>
      {phone ? null : (
        <button type="button" onClick={reveal} disabled={isPending} className="rounded border border-slate-300 px-2 py-0.5 text-xs text-brand-700 hover:bg-slate-50 disabled:opacity-50">
          {labels.show}
        </button>
      )}
      {failed ? <span role="alert" className="text-xs text-red-700">{labels.failed}</span> : null}
    </span>
  );
}
