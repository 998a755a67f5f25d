// The language switch keeps the page where it is: the path and its query (filters, period).
import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("switching to English and back keeps the path and the query", async ({ page }) => {
  await signIn(page, "manager@shoudai.test");
  await page.goto("/pool?stage=NO_LOAN");
  await expect(page.getByRole("heading", { name: "我的客户池" })).toBeVisible();
  await page.getByTestId("locale-switch").click();
  await expect(page).toHaveURL(/\/pool\?stage=NO_LOAN$/);
  await expect(page.getByRole("heading", { name: "My pool" })).toBeVisible();
  await expect(page.getByLabel("Stage")).toHaveValue("NO_LOAN");
  await page.getByTestId("locale-switch").click();
  await expect(page).toHaveURL(/\/pool\?stage=NO_LOAN$/);
  await expect(page.getByRole("heading", { name: "我的客户池" })).toBeVisible();
});
