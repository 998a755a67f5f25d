import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Shoudai#2026";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: /退出|Sign out/ }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}
