"use client";
import { useState } from "react";
import { VisitForm } from "@/components/visit-form";

/**
 * The visit form of one client of the offline client list, mounted only when opened: the list
 * (kept by the service worker) then lets a manager log a visit to any of their recent clients
 * without a signal, not only to those whose page they happened to open online.
 */
export function OfflineVisit(props: { label: string; enterpriseId: string; enterpriseName: string; userId: string; today: string }) {
  const { label, ...form } = props;
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-2" onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="offline-visit">
      <summary className="cursor-pointer py-1 text-sm font-medium text-brand-700">{label}</summary>
      {open ? <div className="mt-2"><VisitForm {...form} /></div> : null}
    </details>
  );
}
