// The scheduled side in the browser (issue 12): the worker's daily scan (caught up at start on
// a fresh install) is in the job history; a regulator admin runs it again on demand after a
// follow-up of the demo manager's fell due; the manager sees the alert in the bell; the branch
// head gets the digest. The tests run in this order.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";
import { overdueFollowUpForDemoManager } from "./alert-cause";

let overdue: { enterpriseName: string };

/** The scan runs in the job worker beside the server: wait for the bell to show it. */
async function bellCount(page: Page): Promise<number> {
  let count = 0;
  await expect.poll(async () => {
    await page.reload();
    const badge = page.getByTestId("bell-count");
    count = (await badge.count()) > 0 ? Number(await badge.textContent()) : 0;
    return count;
  }, { timeout: 60_000, intervals: [1000, 2000, 3000] }).toBeGreaterThan(0);
  return count;
}

test("an admin reads the job history (the worker's scan ran); after a follow-up fell due, runs the scan on demand", async ({ page }) => {
  overdue = await overdueFollowUpForDemoManager();
  await signIn(page, "regulator@shoudai.test");
  await page.getByRole("link", { name: "定时任务" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  const done = page.locator('[data-testid="job-run"][data-status="DONE"]').filter({ hasText: "每日扫描" });
  await expect(done.first()).toBeVisible();
  await page.getByRole("button", { name: "立即运行每日扫描" }).click();
  await expect.poll(async () => {
    await page.reload();
    return page.locator('[data-testid="job-run"][data-status="DONE"]').filter({ hasText: "手动" }).count();
  }, { timeout: 60_000, intervals: [1000, 2000] }).toBeGreaterThan(0);
});

test("a manager sees alerts in the bell, opens one's enterprise, and marks them read", async ({ page }) => {
  await signIn(page, "manager@shoudai.test");
  const count = await bellCount(page);
  await page.getByTestId("bell").click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { name: "提醒" })).toBeVisible();
  const items = page.getByTestId("notification");
  await expect(items).toHaveCount(count);
  // The follow-up that fell due, in Chinese, about one of the manager's own enterprises.
  const due = items.filter({ hasText: overdue.enterpriseName }).filter({ hasText: "跟进日" });
  await expect(due).toHaveCount(1);
  await due.getByRole("link", { name: "打开企业" }).click();
  await expect(page).toHaveURL(/\/enterprises\//);
  await expect(page.getByTestId("enterprise-name")).toBeVisible();

  await page.goto("/notifications");
  await page.getByRole("button", { name: "全部标为已读" }).click();
  await expect(page.getByTestId("bell-count")).toHaveCount(0);
  // Still listed (their causes are still there), no longer unread.
  await expect(page.getByTestId("notification")).toHaveCount(count);
});

test("the branch head gets the daily digest of the branch's open alerts", async ({ page }) => {
  await signIn(page, "head@shoudai.test");
  await bellCount(page);
  await page.getByTestId("bell").click();
  const digest = page.locator('[data-testid="notification"][data-kind="DAILY_DIGEST"]');
  await expect(digest).toHaveCount(1);
  await expect(digest).toContainText(/本支行待处理提醒 \d+ 条/);
  await digest.getByRole("link", { name: "查看驾驶舱" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
});

