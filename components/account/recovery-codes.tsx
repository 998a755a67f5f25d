"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/form-feedback";

/**
 * Recovery codes, shown once: a list, a .txt download, and "I have saved them" before going on
 * (to `next`, or back to a refreshed page).
 */
export function RecoveryCodes({ codes, email, next, onDone }: { codes: string[]; email: string; next?: string; onDone?: () => void }) {
  const t = useTranslations("account.recovery");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const [done, setDone] = useState(false);
  if (done) return null;
  const text = `${t("fileHeader", { email })}\n\n${codes.join("\n")}\n`;
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <section aria-labelledby="recovery-title" className="space-y-3 rounded border border-amber-300 bg-amber-50 p-4">
      <h3 id="recovery-title" className="font-medium">{t("title")}</h3>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <ol data-testid="recovery-codes" className="grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-base sm:grid-cols-2">
        {codes.map((code) => <li key={code}>{code}</li>)}
      </ol>
      <a href={href} download="shoudai-recovery-codes.txt" className="inline-block text-sm text-brand-700 underline">{t("download")}</a>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
        {t("saved")}
      </label>
      <button type="button" disabled={!saved} className={buttonClass}
        onClick={() => {
          setDone(true);
          onDone?.();
          if (next) router.push(next);
          router.refresh();
        }}>
        {t("continue")}
      </button>
    </section>
  );
}
