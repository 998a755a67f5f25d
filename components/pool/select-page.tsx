"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** Ticks or clears every client checkbox of the selection form on this page. */
export function SelectPage({ form, label }: { form: string; label: string }) {
  // Rendered once hydrated: without JavaScript the rows' own checkboxes still work, this one would not.
  const isHydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!isHydrated) return null;
  return (
    <label className="inline-flex items-center gap-2">
      <input type="checkbox" data-testid="select-page" className="h-4 w-4" onChange={(e) => {
        for (const box of document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${form}"][name=id]`)) box.checked = e.currentTarget.checked;
      }} />
      {label}
    </label>
  );
}
