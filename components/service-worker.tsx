"use client";
import { useEffect } from "react";

/**
 * Registers the service worker (app/sw.ts, served at /serwist/sw.js) in production builds
 * only; development runs without one. On the sign-in page it drops the pages saved for offline
 * use, so the next user of the phone sees nothing of the previous one's clients.
 */
export function ServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    if (window.location.pathname.startsWith("/sign-in")) {
      void caches?.delete("offline-pages");
      return;
    }
    navigator.serviceWorker.register("/serwist/sw.js", { scope: "/", type: "module" }).then(async (registration) => {
      // The page that registered the worker loaded before it took control: save it now when it
      // is one of the pages kept for offline use.
      await navigator.serviceWorker.ready;
      const path = window.location.pathname;
      if (registration.active && /^\/(?:|dashboard|pool|enterprises\/[^/]+)$/.test(path)) {
        const cache = await caches.open("offline-pages");
        if (!(await cache.match(path))) {
          const response = await fetch(path, { credentials: "same-origin", redirect: "manual" });
          if (response.status === 200 && !response.redirected) await cache.put(path, response);
        }
      }
    }, () => undefined);
  }, []);
  return null;
}
