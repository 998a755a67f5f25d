import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./support";

test("a wrong password gets a clear message that does not reveal whether the email exists", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("邮箱").fill("manager@shoudai.test");
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("form [role=alert]")).toHaveText("邮箱或密码不正确。");

  await page.getByLabel("邮箱").fill("nobody@shoudai.test");
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("form [role=alert]")).toHaveText("邮箱或密码不正确。");
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto("/pool");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("manager logs a visit on an enterprise of their pool and sees it on the timeline; another bank gets not found", async ({ page }) => {
  await signIn(page, "manager@shoudai.test");
  // Signed in, a manager lands on their dashboard; the pool is one click away.
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("link", { name: "我的客户池" }).first().click();
  await expect(page).toHaveURL(/\/pool$/);
  await expect(page.getByRole("heading", { name: "我的客户池" })).toBeVisible();

  // Pick an enterprise that has had no contact yet.
  await page.getByLabel("阶段").selectOption("NO_LOAN");
  await page.getByRole("button", { name: "搜索" }).click();
  const firstRow = page.locator("tbody tr").first();
  const name = (await firstRow.locator("a").textContent())!.trim();
  const uscc = (await firstRow.locator("td").nth(1).textContent())!.trim();

  // Search by USCC finds exactly it.
  await page.getByLabel("阶段").selectOption("");
  await page.getByRole("searchbox").fill(uscc);
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await page.getByRole("link", { name }).click();
  await expect(page.getByTestId("enterprise-name")).toHaveText(name);
  await expect(page.getByTestId("stage").first()).toHaveText("无贷户");
  const enterpriseUrl = page.url();
  // Earlier contacts without a need (seeded) may already be on the timeline.
  const timelineItems = page.locator("[data-testid=timeline] > li");
  const itemsBefore = await timelineItems.count();

  // A bad amount shows a field error next to the field, and nothing is saved.
  await page.getByLabel("需求金额（万元）").fill("-5");
  await page.getByRole("button", { name: "保存走访" }).click();
  await expect(page.getByTestId("error-amountWan")).toHaveText("金额须大于 0。");
  // The field is marked invalid (not by colour alone) and focus is moved to it.
  await expect(page.getByLabel("需求金额（万元）")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("需求金额（万元）")).toBeFocused();
  await expect(timelineItems).toHaveCount(itemsBefore);
  await expect(page.getByLabel("需求金额（万元）")).toHaveValue("-5"); // what was typed stays

  // A phone call with a need: 无贷户 → 需求已登记, on the timeline at once.
  await page.getByLabel("电话").check();
  await page.getByLabel("需求金额（万元）").fill("100");
  await page.getByLabel("走访记录").fill("企业急需一笔近百万元的货款。");
  await page.getByRole("button", { name: "保存走访" }).click();
  await expect(page.getByRole("status")).toHaveText("走访已登记。");
  const timeline = page.getByTestId("timeline");
  await expect(timeline.getByTestId("need")).toContainText("100.00 万元");
  await expect(timeline).toContainText("企业急需一笔近百万元的货款。");
  await expect(timeline).toContainText("阶段变更：无贷户 → 需求已登记");
  await expect(page.getByTestId("stage").first()).toHaveText("需求已登记");
  await expect(timelineItems).toHaveCount(itemsBefore + 2); // the visit and the stage change

  // Switch to English and back: the choice sticks across pages.
  await page.getByTestId("locale-switch").click();
  await expect(page.getByTestId("stage").first()).toHaveText("Need registered");
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await page.goto("/pool");
  await expect(page.getByRole("heading", { name: "My pool" })).toBeVisible();
  await page.getByTestId("locale-switch").click();
  await expect(page.getByRole("heading", { name: "我的客户池" })).toBeVisible();
  await signOut(page);

  // The branch head of that branch sees the same visit.
  await signIn(page, "head@shoudai.test");
  await page.goto(enterpriseUrl);
  await expect(page.getByTestId("timeline")).toContainText("企业急需一笔近百万元的货款。");
  await signOut(page);

  // Another bank's manager: "not found", the same as an id that does not exist.
  await signIn(page, "other-bank@shoudai.test");
  const response = await page.goto(enterpriseUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "未找到" })).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
  const missing = await page.goto("/enterprises/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
});
