// The app installs on a phone's home screen: the manifest and its icons load for a signed-out
// visitor (the browser fetches them before anyone signs in), and the pages link them.
import { expect, test } from "@playwright/test";

test("the web app manifest and every icon it names load without signing in; the sign-in page links them", async ({ request, page }) => {
  const response = await request.get("/manifest.webmanifest", { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  const manifest = (await response.json()) as { name: string; short_name: string; start_url: string; display: string; icons: { src: string; type: string; sizes: string; purpose: string }[] };
  expect(manifest).toMatchObject({ short_name: "首贷通", start_url: "/", display: "standalone" });
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(manifest.icons.some((i) => i.purpose === "maskable")).toBe(true);
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src, { maxRedirects: 0 });
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"]).toContain(icon.type);
  }
  expect((await request.get("/favicon.ico", { maxRedirects: 0 })).status()).toBe(200);

  await page.goto("/sign-in");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/icons/apple-touch-icon.png");
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", "#c62828");
});

test("a load balancer's probes: /api/health is live and /api/ready reports the database and every migration applied", async ({ request }) => {
  const live = await request.get("/api/health", { maxRedirects: 0 });
  expect(live.status()).toBe(200);
  expect(await live.json()).toMatchObject({ status: "ok" });
  const ready = await request.get("/api/ready", { maxRedirects: 0 });
  expect(ready.status()).toBe(200);
  const body = (await ready.json()) as { status: string; database: { ok: boolean }; migrations: { shipped: number; pending: string[]; failed: string[] } };
  expect(body).toMatchObject({ status: "ready", database: { ok: true }, migrations: { pending: [], failed: [] } });
  expect(body.migrations.shipped).toBeGreaterThan(20);
});
