// Issue 11's whole path for a new colleague: the bank's admin creates a manager; the manager
// signs in with the temporary password, must set their own, enrols two-factor sign-in, signs
// in with a code, signs out — and the old session cookie no longer opens anything.
import { expect, test } from "@playwright/test";
import { currentTotpCode } from "@/lib/auth/totp";
import { expectCookieDead, sessionCookie, signIn, signOut } from "./support";

const MINE = "乌镇茶叶合作社走访记录2026";

test("admin creates a manager → password set → TOTP enrolled → signs in with a code → signs out: the old cookie is dead", async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const email = `onboard.${Date.now()}@shoudai.test`;

  // The bank's head-office admin creates the manager and reads the temporary password once.
  await signIn(page, "hq@shoudai.test");
  await page.goto("/admin/users");
  const form = page.getByTestId("create-user-form");
  await form.getByLabel("邮箱").fill(email);
  await form.getByLabel("姓名").fill("新来的经理");
  await form.getByLabel("角色").selectOption({ label: "客户经理" });
  await form.getByLabel("所属支行").selectOption({ label: "桐乡支行" });
  await form.getByRole("button", { name: "创建用户" }).click();
  const temporary = (await form.getByTestId("temporary-password").innerText()).trim();
  await signOut(page);

  // First sign-in: only the set-up opens, and the temporary password is replaced.
  await signIn(page, email, temporary);
  await expect(page).toHaveURL(/\/account\/setup$/);
  await page.getByLabel(/^新密码/).fill(MINE);
  await page.getByLabel("再次输入新密码").fill(MINE);
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page).not.toHaveURL(/\/account\/setup|\/sign-in/);
  await expect(page.getByTestId("whoami")).toContainText("新来的经理");

  // Two-factor sign-in, enrolled from the account page with the key shown there.
  await page.getByRole("link", { name: "账户安全" }).click();
  await page.getByRole("button", { name: "开始设置" }).click();
  const secret = (await page.getByTestId("totp-secret").getAttribute("data-secret"))!;
  const enrolledStep = Math.floor(Date.now() / 30_000);
  await page.getByLabel("动态验证码").fill(await currentTotpCode(secret));
  await page.getByRole("button", { name: "验证并开启" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await page.getByLabel("我已保存这些恢复码").check();
  await page.getByRole("button", { name: "继续" }).click();
  await page.goto("/account");
  await expect(page.getByTestId("totp-status")).toContainText("已开启");
  await signOut(page);

  // The password alone is no longer enough; with a fresh code (the enrolment's is spent) it is.
  while (Math.floor(Date.now() / 30_000) <= enrolledStep) await page.waitForTimeout(500);
  await signIn(page, email, MINE, secret);
  await expect(page.getByTestId("whoami")).toContainText("新来的经理");
  const cookie = await sessionCookie(page);
  const request = await playwright.request.newContext({ baseURL });
  expect((await request.get("/pool", { headers: { cookie }, maxRedirects: 0 })).status()).toBe(200);
  await signOut(page);
  await expectCookieDead(request, cookie);
  await request.dispose();
});
