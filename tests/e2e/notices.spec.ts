// The monthly notice in the browser: a regulator generates last month's notice and reads it;
// ICBC's head office reads its own page of it (its rank, its figures against the province, the
// ranking with names and ranks only) and downloads it; an account manager has no notices.
import { expect, test } from "@playwright/test";
import { previousShanghaiMonth } from "@/lib/domain/notice";
import { signIn, signOut } from "./support";

const month = previousShanghaiMonth();

test("a regulator generates last month's notice and reads it; ICBC's head office reads its own page", async ({ page }) => {
  await signIn(page, "regulator@shoudai.test");
  await page.goto("/notices");
  const form = page.getByTestId("generate-notice");
  await expect(form.getByLabel(/通报月份|Month/)).toHaveValue(month);
  await form.getByRole("button", { name: /生成通报|Generate notice/ }).click();
  // The first run publishes; had the schedule already published it, the same click changes nothing.
  await expect(page.getByTestId("generate-outcome")).toContainText(new RegExp(`${month}`));
  await page.getByTestId("generate-outcome").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/notices/${month}$`));
  await expect(page.getByTestId("notice-heading")).toContainText(month);
  await expect(page.getByTestId("funnel-excl")).toBeVisible();
  await expect(page.getByTestId("funnel-all")).toBeVisible();
  const banks = page.getByTestId("ranking-banks");
  await expect(banks.getByRole("row", { name: /工商银行/ })).toBeVisible();
  await expect(page.getByTestId("ranking-cities-row")).toHaveCount(10);
  await expect(page.getByTestId("compare-chart")).toBeVisible();
  // Listed on the notices page, generated on demand.
  await page.goto("/notices");
  await expect(page.getByTestId(`notice-${month}`)).toContainText(/按需生成|定时生成|补发/);
  await signOut(page);

  await signIn(page, "hq@shoudai.test");
  await page.goto("/notices");
  await page.getByTestId(`notice-${month}`).getByRole("link").click();
  await expect(page.getByTestId("notice-bank")).toBeVisible();
  await expect(page.getByTestId("own-rank")).toContainText(/本行新增首贷户/);
  await expect(page.getByTestId("bank-vs-province")).toBeVisible();
  const ranking = page.getByTestId("bank-ranking");
  await expect(ranking.getByTestId("own-row")).toContainText("工商银行");
  expect(await ranking.getByTestId("other-row").count()).toBeGreaterThan(0);
  // Nothing of other banks but names and ranks: no province ranking table, no flags of others.
  await expect(page.getByTestId("ranking-banks")).toHaveCount(0);
  await expect(page.getByTestId("flags")).toHaveCount(0);
  const file = await page.request.get(`/api/v1/notices/${month}/xlsx`);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toContain("spreadsheetml");
  const json = await page.request.get(`/api/v1/notices/${month}`);
  expect(await json.json()).toMatchObject({ audience: "bank", month });
  await signOut(page);
});

test("an account manager has no notices", async ({ page }) => {
  await signIn(page, "manager@shoudai.test");
  expect((await page.goto("/notices"))?.status()).toBe(404);
  expect((await page.goto(`/notices/${month}`))?.status()).toBe(404);
  expect((await page.goto("/notices/rules"))?.status()).toBe(404);
  expect((await page.request.get(`/api/v1/notices/${month}`)).status()).toBe(403);
});
