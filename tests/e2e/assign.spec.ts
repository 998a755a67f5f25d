import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./support";

// Works on the demo bank's 杭州西湖支行 client and 桐乡 managers other than the demo manager
// (am02, am03), so the other specs' pools are untouched.
const HQ = "hq@shoudai.test";
const HEAD = "head@shoudai.test";
const TAKER = "am02@shoudai.test";
const OTHER = "am03@shoudai.test";

async function whoami(page: Page, email: string): Promise<string> {
  await signIn(page, email);
  const name = (await page.getByTestId("whoami").innerText()).split("·")[0]!.trim();
  await signOut(page);
  return name;
}

test("head office re-distributes a client to a branch, the branch head assigns it, the manager sees it; a handover moves a manager's clients", async ({ page }) => {
  const taker = await whoami(page, TAKER);
  const other = await whoami(page, OTHER);

  // Head office: the 西湖 branch's clients, one ticked, to 桐乡支行 (re-distributing: explicit).
  await signIn(page, HQ);
  await page.goto("/assign");
  await expect(page.getByRole("heading", { name: "分配客户到支行" })).toBeVisible();
  await page.getByTestId("assign-filter").getByLabel("所在机构").selectOption({ label: "杭州西湖支行" });
  await page.getByTestId("assign-filter").getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/branch=/);
  const form = page.getByTestId("selection-form");
  const firstRow = form.locator("tbody tr").first();
  const name = (await firstRow.locator("td").nth(1).innerText()).trim();
  await firstRow.getByRole("checkbox").check();
  await form.getByLabel("分到支行").selectOption({ label: "桐乡支行" });
  await form.getByLabel(/也从其他支行调出/).check();
  await form.getByRole("button", { name: /^分配/ }).click();
  await expect(page.getByTestId("assign-done")).toContainText("已分配 1 户");
  await signOut(page);

  // Branch head: it waits without a manager; give it to am02.
  await signIn(page, HEAD);
  await page.goto(`/assign?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("heading", { name: /分配客户经理/ })).toBeVisible();
  const row = page.getByTestId("selection-form").locator("tbody tr").filter({ hasText: name });
  await row.getByRole("checkbox").check();
  await page.getByTestId("selection-form").getByRole("checkbox", { name: new RegExp(`^${taker}`) }).check();
  await page.getByTestId("selection-form").getByRole("button", { name: /^分配/ }).click();
  await expect(page.getByTestId("assign-done")).toContainText(`${taker} 1 户`);

  // The history is on the enterprise's timeline.
  await page.goto(`/pool?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name }).click();
  await expect(page.locator('[data-kind="assignment"]')).toHaveCount(2);
  await expect(page.locator('[data-assign-kind="DISTRIBUTE"]')).toContainText("杭州西湖支行 → 桐乡支行");
  await expect(page.locator('[data-assign-kind="ASSIGN"]')).toContainText(`未分配 → ${taker}`);
  await signOut(page);

  // The manager sees the new client in 我的客户池.
  await signIn(page, TAKER);
  await page.goto(`/pool?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("link", { name })).toBeVisible();
  await signOut(page);

  // Handover: everything of am02 to am03 in one step.
  await signIn(page, HEAD);
  await page.goto("/assign/handover");
  await expect(page.getByRole("heading", { name: /客户经理离岗移交/ })).toBeVisible();
  const card = page.getByTestId("handover-need").filter({ has: page.getByTestId("handover-name").getByText(taker, { exact: true }) });
  await card.getByRole("checkbox", { name: new RegExp(`^${other}`) }).check();
  await card.getByRole("button", { name: /移交全部/ }).click();
  // Once moved, am02 holds nothing here: the card goes.
  await expect(card).toHaveCount(0);
  await signOut(page);
  await signIn(page, OTHER);
  await page.goto(`/pool?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("link", { name })).toBeVisible();
});

test("a manager and a regulator get not found on /assign", async ({ page }) => {
  await signIn(page, "manager@shoudai.test");
  expect((await page.goto("/assign"))?.status()).toBe(404);
  expect((await page.goto("/assign/handover"))?.status()).toBe(404);
  await signOut(page);
  await signIn(page, "regulator@shoudai.test");
  expect((await page.goto("/assign"))?.status()).toBe(404);
});
