import { devices, expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { signIn, signOut } from "./support";

// An account manager on a phone at a workshop with no signal: the pages visited online open
// offline (service worker), the offline client list has a visit form for every client on it,
// visits saved offline wait in the outbox and are sent once the
// connection returns, and a visit the server refuses on replay stays in the outbox with the reason.
test.use({ ...devices["Pixel 7"] });

/** Hands the client over to another manager of the same branch (as a branch head would). */
async function handOver(enterpriseId: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const moved = await client.query(
      `UPDATE bank_clients bc SET manager_id = (
         SELECT u.id FROM users u WHERE u.branch_id = bc.branch_id AND u.role = 'ACCOUNT_MANAGER' AND u.id <> bc.manager_id ORDER BY u.email LIMIT 1)
       WHERE bc.enterprise_id = $1::uuid AND bc.manager_id = (SELECT id FROM users WHERE email = 'manager@shoudai.test')`,
      [enterpriseId],
    );
    expect(moved.rowCount).toBe(1);
  } finally {
    await client.end();
  }
}

async function logVisitOffline(page: Page, notes: string) {
  await page.getByLabel("暂无需求").check();
  await page.getByLabel("无需求原因").selectOption("OWN_FUNDS_ENOUGH");
  await page.getByLabel("走访记录").fill(notes);
  await page.getByRole("button", { name: "保存走访" }).click();
  await expect(page.getByTestId("visit-queued")).toHaveText("已保存到待发送（离线）");
  // The form starts again, empty, for the next visit.
  await expect(page.getByLabel("走访记录")).toHaveValue("");
}

function outboxItem(page: Page, notes: string) {
  return page.getByTestId("outbox-item").filter({ hasText: notes });
}

test("offline, a manager logs visits to the outbox; back online they are sent once, and a refused one stays with the reason", async ({ page, context }) => {
  // The worker script is served signed out too (the browser re-fetches it to update).
  const script = await page.request.get("/serwist/sw.js", { maxRedirects: 0 });
  expect(script.status()).toBe(200);
  expect(script.headers()["service-worker-allowed"]).toBe("/");

  await signIn(page, "manager@shoudai.test");
  await page.goto("/pool?stage=NO_LOAN");
  // Two clients further down the list (the first ones are other tests' own).
  const links = page.locator("tbody tr a");
  const [first, second] = [links.nth(6), links.nth(7)];
  const [nameA, hrefA] = [(await first.textContent())!.trim(), (await first.getAttribute("href"))!];
  const [nameB, hrefB] = [(await second.textContent())!.trim(), (await second.getAttribute("href"))!];

  // Online: the service worker takes control, then the pool and both enterprises are visited.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  for (const path of ["/pool", hrefA, hrefB]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  // The pool keeps the offline client list fresh (without it being opened).
  await page.goto("/pool");
  await expect.poll(() => page.evaluate(async () => (await (await caches.open("offline-pages")).match("/pool/offline")) !== undefined)).toBe(true);

  // No signal: the pool, the offline client list and the enterprise still open (saved copies).
  await context.setOffline(true);
  await page.goto("/pool");
  await expect(page.getByRole("heading", { level: 1, name: "我的客户池" })).toBeVisible();
  await page.goto("/pool/offline");
  await expect(page.getByRole("heading", { level: 1, name: "离线客户清单" })).toBeVisible();
  const cards = page.getByTestId("offline-clients").getByRole("listitem");
  expect(await cards.count()).toBeGreaterThan(0);
  expect(await cards.count()).toBeLessThanOrEqual(200);
  await page.goto(hrefA);
  await expect(page.getByTestId("enterprise-name")).toHaveText(nameA);
  await logVisitOffline(page, "离线走访一：车间在扩产，下月再谈。");
  await logVisitOffline(page, "离线走访二：老板外出，财务接待。");
  await expect(outboxItem(page, "离线走访一").getByTestId("outbox-status")).toHaveText("待发送");
  await expect(outboxItem(page, "离线走访二").getByTestId("outbox-status")).toHaveText("待发送");

  // Back online: both are sent (the online event), and each appears once on the timeline.
  await context.setOffline(false);
  await expect(outboxItem(page, "离线走访一").getByTestId("outbox-status")).toHaveText("已发送");
  await expect(outboxItem(page, "离线走访二").getByTestId("outbox-status")).toHaveText("已发送");
  const timeline = page.getByTestId("timeline");
  await expect(timeline.getByText("离线走访一：车间在扩产，下月再谈。")).toHaveCount(1);
  await expect(timeline.getByText("离线走访二：老板外出，财务接待。")).toHaveCount(1);
  // A reload (a later replay would find the same keys) still shows each visit once.
  await page.reload();
  await expect(page.getByTestId("timeline").getByText("离线走访一：车间在扩产，下月再谈。")).toHaveCount(1);

  // Offline again: the home address (which only redirects, so has no saved copy) opens the
  // offline client list, where a client whose page was never opened gets its visit.
  await context.setOffline(true);
  await page.goto("/");
  await expect(page).toHaveURL(/\/pool\/offline$/);
  await expect(page.getByRole("heading", { level: 1, name: "离线客户清单" })).toBeVisible();
  const card = cards.filter({ hasNotText: nameA }).filter({ hasNotText: nameB }).first();
  const cardLink = card.getByRole("link").first();
  const [nameC, hrefC] = [(await cardLink.textContent())!.trim(), (await cardLink.getAttribute("href"))!];
  expect(await page.evaluate(async (path) => (await (await caches.open("offline-pages")).match(path)) === undefined, hrefC)).toBe(true);
  await card.getByText("记录走访").click();
  await logVisitOffline(page, `离线清单走访：${nameC}`);
  await expect(outboxItem(page, "离线清单走访").getByTestId("outbox-status")).toHaveText("待发送");
  await context.setOffline(false);
  await expect(outboxItem(page, "离线清单走访").getByTestId("outbox-status")).toHaveText("已发送");
  await page.goto(hrefC);
  await expect(page.getByTestId("enterprise-name")).toHaveText(nameC);
  await expect(page.getByTestId("timeline").getByText(`离线清单走访：${nameC}`)).toHaveCount(1);

  // A third visit, offline, to a client that is handed over to a colleague meanwhile.
  await page.goto(hrefB);
  await context.setOffline(true);
  await page.goto(hrefB);
  await expect(page.getByTestId("enterprise-name")).toHaveText(nameB);
  await logVisitOffline(page, "离线走访三：客户已转交。");
  await handOver(hrefB.split("/").pop()!);
  await context.setOffline(false);
  const refused = outboxItem(page, "离线走访三");
  await expect(refused.getByTestId("outbox-status")).toHaveText("被拒绝");
  await expect(refused.getByTestId("outbox-reason")).toHaveText("原因：未找到该企业或记录。");
  // It stays, editable: its fields come back into the form.
  await refused.getByRole("button", { name: "修改" }).click();
  await expect(page.getByLabel("走访记录")).toHaveValue("离线走访三：客户已转交。");
  // And it is still there on the pool, where the client no longer is.
  await page.goto("/pool");
  await expect(outboxItem(page, "离线走访三").getByTestId("outbox-reason")).toHaveText("原因：未找到该企业或记录。");

  // Signing out drops the saved pages (the outbox stays, for its owner only).
  await signOut(page);
  await expect.poll(() => page.evaluate(() => caches.has("offline-pages"))).toBe(false);
});
