"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { setLocaleAction } from "@/lib/actions/session";

/**
 * Switches zh-CN ⇄ English; the choice is kept in a cookie and the page reloads in place, with
 * its query (filters, period, page) kept. The server passes the target locale and its label, so
 * no messages travel for it.
 */
export function LocaleSwitch({ next, label }: { next: "zh-CN" | "en"; label: string }) {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={next} />
      <input type="hidden" name="back" value={query ? `${pathname}?${query}` : pathname} />
      <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100" lang={next} data-testid="locale-switch">
        {label}
      </button>
    </form>
  );
}
