// The pages kept for work without a signal (app/sw.ts serves them network-first with the saved
// copy as fallback): home, the dashboard, the pool, the offline client list, an enterprise
// (with its visit form). Shared by the service worker and the page that registers it.
export const OFFLINE_PAGES_CACHE = "offline-pages";
export const OFFLINE_PAGE = /^\/(?:|dashboard|pool|pool\/offline|enterprises\/[^/]+)$/;

/** Saves a fresh copy of a signed-in page (never a redirect or an error page). */
export async function keepOffline(path: string): Promise<void> {
  if (!OFFLINE_PAGE.test(path) || !("caches" in window) || !navigator.onLine) return;
  const response = await fetch(path, { credentials: "same-origin", redirect: "manual" });
  if (response.status !== 200 || response.redirected) return;
  await (await caches.open(OFFLINE_PAGES_CACHE)).put(path, response);
}
