import { expect, test } from "@playwright/test";
import { currentTotpCode } from "@/lib/auth/totp";
import { signIn, signOut } from "./support";
import { createPendingHeadOfficeUser } from "./account-user";

const TEMPORARY = "temporary pass 2026 for setup";
const MINE = "桐乡支行走访了十二家企业";

test("a new head-office user sets a password, enrols TOTP, keeps 10 recovery codes, then signs in with a code", async ({ page }) => {
  test.setTimeout(150_000);
  const { email } = await createPendingHeadOfficeUser(TEMPORARY);

  await page.goto("/sign-in");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel(/^密码$/).fill(TEMPORARY);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/account\/setup$/);
  await expect(page.getByRole("heading", { name: "设置新密码" })).toBeVisible();
  // Nothing else opens until the set-up is done.
  await page.goto("/pool");
  await expect(page).toHaveURL(/\/account\/setup$/);

  // A common password is refused with the reason, in Chinese.
  await page.getByLabel(/^新密码/).fill("123456789012");
  await page.getByLabel("再次输入新密码").fill("123456789012");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByTestId("error-password")).toHaveText("这是常见密码，容易被猜到，请换一个。");

  await page.getByLabel(/^新密码/).fill(MINE);
  await page.getByLabel("再次输入新密码").fill(MINE);
  await page.getByRole("button", { name: "保存新密码" }).click();

  // Then two-factor: a QR code and the key as text; a code from the "phone" confirms it.
  await expect(page.getByRole("heading", { name: "设置两步验证" })).toBeVisible();
  await page.getByRole("button", { name: "开始设置" }).click();
  await expect(page.getByRole("img", { name: "两步验证二维码" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").getAttribute("data-secret"))!;
  expect((await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "")).toBe(secret);
  await page.getByLabel("动态验证码").fill("000000" === (await currentTotpCode(secret)) ? "111111" : "000000");
  await page.getByRole("button", { name: "验证并开启" }).click();
  await expect(page.getByTestId("error-code")).toContainText("动态验证码不正确");

  const enrolledAt = Math.floor(Date.now() / 30_000);
  await page.getByLabel("动态验证码").fill(await currentTotpCode(secret));
  await page.getByRole("button", { name: "验证并开启" }).click();
  const codes = page.getByTestId("recovery-codes").locator("li");
  await expect(codes).toHaveCount(10);
  for (const code of await codes.allTextContents()) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await expect(page.getByRole("link", { name: "下载为 .txt 文件" })).toHaveAttribute("download", /\.txt$/);
  await expect(page.getByRole("button", { name: "继续" })).toBeDisabled();
  await page.getByLabel("我已保存这些恢复码").check();
  await page.getByRole("button", { name: "继续" }).click();
  await expect(page).not.toHaveURL(/\/account\/setup|\/sign-in/);
  await expect(page.getByTestId("whoami")).toContainText("新同事");

  await page.goto("/account");
  await expect(page.getByTestId("totp-status")).toContainText("已开启");
  await signOut(page);

  // Signing in again asks for a code; the one used to enrol is spent, so wait for the next one.
  while (Math.floor(Date.now() / 30_000) <= enrolledAt) await page.waitForTimeout(500);
  await signIn(page, email, MINE, secret);
  await expect(page).not.toHaveURL(/\/account\/setup/);
  await expect(page.getByTestId("whoami")).toContainText("新同事");
});

test("a personal API token is shown once; the list keeps only its prefix", async ({ page }) => {
  await signIn(page, "manager@shoudai.test");
  await page.goto("/account");
  const name = `数据报送系统 ${Date.now() % 100_000}`;
  await page.getByLabel("名称").fill(name);
  await page.getByRole("button", { name: "创建令牌" }).click();
  const token = await page.getByTestId("new-api-token").inputValue();
  expect(token).toMatch(/^sd_[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId("api-tokens").locator("tr", { hasText: name });
  await expect(row).toContainText(token.slice(0, 10));
  await page.reload();
  await expect(page.getByTestId("new-api-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
});
