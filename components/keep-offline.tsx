"use client";
import { useEffect } from "react";
import { keepOffline } from "@/lib/offline/pages";

/** Refreshes the saved copies of these pages while online (production, with the service worker). */
export function KeepOffline({ paths }: { paths: string[] }) {
  const key = paths.join("\n");
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    void navigator.serviceWorker.ready.then(() => Promise.all(key.split("\n").map((p) => keepOffline(p)))).catch(() => undefined);
  }, [key]);
  return null;
}
