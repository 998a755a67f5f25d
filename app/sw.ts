/// <reference lib="webworker" />
// The service worker (bundled by @serwist/turbopack through app/serwist/[path]/route.ts and
// registered in production by components/service-worker.tsx). Signed-in pages are never served
// stale while the network answers: navigations go to the network first, and only the pages a
// manager needs in the field (lib/offline/pages.ts: home, the pool, the offline client list, an
// enterprise with its visit form) fall back to the copy saved on their last online visit; any
// other page asked for without a signal opens the offline client list. Everything else is network only.
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

// No signal and no saved copy of the page asked for (a client never opened online, the home
// address, which only redirects): the offline client list instead, if this user has one saved —
// every client on it has its visit form. A signed-out phone has none (sign-out drops the cache).
const OFFLINE_LIST = "/pool/offline";
const offlineListFallback: SerwistPlugin = {
  handlerDidError: async ({ request }) => {
    if (request.mode !== "navigate" || new URL(request.url).pathname === OFFLINE_LIST) return undefined;
    const saved = await (await caches.open(OFFLINE_PAGES_CACHE)).match(OFFLINE_LIST);
    return saved ? Response.redirect(new URL(OFFLINE_LIST, self.location.origin).href, 302) : undefined;
  },
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === "navigate" && OFFLINE_PAGE.test(url.pathname),
      handler: new NetworkFirst({ cacheName: OFFLINE_PAGES_CACHE, plugins: [onlyPlainPages, new ExpirationPlugin({ maxEntries: 300 }), offlineListFallback] }),
    },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: "next-static", plugins: [new ExpirationPlugin({ maxEntries: 400 })] }),
    },
    { matcher: ({ request, sameOrigin }) => sameOrigin && request.mode === "navigate", handler: new NetworkOnly({ plugins: [offlineListFallback] }) },
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
