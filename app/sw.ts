/// <reference lib="webworker" />
// The service worker (bundled by @serwist/turbopack through app/serwist/[path]/route.ts and
// registered in production by components/service-worker.tsx). Signed-in pages are never served
// stale while the network answers: navigations go to the network first, and only the pages a
// manager needs in the field (lib/offline/pages.ts: home, the pool, the offline client list, an
// enterprise with its visit form) fall back to the copy saved on their last online visit. Everything else is network only.
import { OFFLINE_PAGE, OFFLINE_PAGES_CACHE } from "@/lib/offline/pages";
import { CacheFirst, ExpirationPlugin, NetworkFirst, NetworkOnly, Serwist, type PrecacheEntry, type SerwistGlobalConfig, type SerwistPlugin } from "serwist";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;


// Only a page the server rendered for a signed-in user: no redirect (to /sign-in), no error.
const onlyPlainPages: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 && response.type === "basic" && !response.redirected ? response : null),
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === "navigate" && OFFLINE_PAGE.test(url.pathname),
      handler: new NetworkFirst({ cacheName: OFFLINE_PAGES_CACHE, plugins: [onlyPlainPages, new ExpirationPlugin({ maxEntries: 300 })] }),
    },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: "next-static", plugins: [new ExpirationPlugin({ maxEntries: 400 })] }),
    },
    { matcher: () => true, handler: new NetworkOnly() },
  ],
});

// Background Sync (where the browser has it): the outbox lives in the page (it replays through
// the page's server action), so a sync wakes the open pages and asks them to send it.
self.addEventListener("sync", (event) => {
  const sync = event as ExtendableEvent & { tag?: string };
  if (sync.tag !== "visit-outbox") return;
  sync.waitUntil(
    self.clients.matchAll({ type: "window" }).then((clients) => {
      for (const client of clients) client.postMessage({ type: "FLUSH_OUTBOX" });
    }),
  );
});

serwist.addEventListeners();
