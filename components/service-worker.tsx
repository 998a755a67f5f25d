"use client";
import { useEffect } from "react";
import { usePathname } from "next/navigation";
import { OFFLINE_PAGES_CACHE, keepOffline } from "@/lib/offline/pages";

/**
 * Registers the service worker (app/sw.ts, served at /serwist/sw.js) in production builds
 * only; development runs without one. On the sign-in page (signing out lands there) it drops
 * the pages saved for offline use, so the next user of the phone sees nothing of the previous
 * one's clients.
 */
export function ServiceWorker() {
  const pathname = usePathname();
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    if (pathname.startsWith("/sign-in")) {
      if ("caches" in window) void caches.delete(OFFLINE_PAGES_CACHE);
      return;
    }
    navigator.serviceWorker.register("/serwist/sw.js", { scope: "/", type: "module" }).then(async () => {
      // A page that loaded before the worker took control: save it now when it is one of the
      // pages kept for offline use.
      await navigator.serviceWorker.ready;
      const saved = "caches" in window && (await (await caches.open(OFFLINE_PAGES_CACHE)).match(pathname));
      if (!saved) await keepOffline(pathname);
    }).catch(() => undefined);
  }, [pathname]);
  return null;
}
