// The probes of issue 11's security review, against the running app.
import { expect, test } from "@playwright/test";
import { currentTotpCode } from "@/lib/auth/totp";
import { DEMO_TOTP_SECRET } from "@/prisma/seed/demo-totp";
import { DEMO_PASSWORD, expectCookieDead, sessionCookie, signIn, signOut } from "./support";

test("after signing out with the app's button, the old session cookie opens nothing", async ({ page, playwright, baseURL }) => {
  await signIn(page, "am06@shoudai.test");
  const cookie = await sessionCookie(page);
  const request = await playwright.request.newContext({ baseURL });
  expect((await request.get("/pool", { headers: { cookie }, maxRedirects: 0 })).status()).toBe(200);
  await signOut(page);
  await expectCookieDead(request, cookie);
  await request.dispose();
});

test("a script signs in with one form post (email, password, otp) to Auth.js, and its sign-out ends the session", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const post = async (otp?: string) => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: "regulator.ningbo@shoudai.test", password: DEMO_PASSWORD, ...(otp ? { otp } : {}), callbackUrl: "/regulator" },
      maxRedirects: 0,
    });
  };
  // Without the code: sent back to sign in, told that a code is needed.
  const refused = await post();
  expect(refused.status()).toBe(302);
  expect(refused.headers().location).toMatch(/\/sign-in\?.*code=otp_required/);
  // With it: signed in.
  const accepted = await post(await currentTotpCode(DEMO_TOTP_SECRET, new Date(Date.now() + 30_000)));
  expect(accepted.status()).toBe(302);
  expect(accepted.headers().location).toMatch(/\/regulator$/);
  const state = await request.storageState();
  const cookie = state.cookies.find((c) => c.name.endsWith("authjs.session-token"))!;
  const header = `${cookie.name}=${cookie.value}`;
  expect((await request.get("/regulator", { headers: { cookie: header }, maxRedirects: 0 })).status()).toBe(200);

  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await request.post("/api/auth/signout", { form: { csrfToken, callbackUrl: "/sign-in" }, maxRedirects: 0 });
  await expectCookieDead(request, header);
  await request.dispose();
});

test("five wrong passwords lock the account for a while: then even the right one is refused, with a message that reveals nothing", async ({ page }) => {
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("邮箱").fill("am07@shoudai.test");
    await page.getByLabel(/^密码$/).fill(`not-the-password-${i}`);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.locator("form [role=alert]")).toBeVisible();
  }
  await page.getByLabel(/^密码$/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("form [role=alert]")).toHaveText(/登录失败次数过多，已暂时锁定/);
  await expect(page).toHaveURL(/\/sign-in/);
  // An address that does not exist gets the same lock after the same number of tries.
  for (let i = 0; i < 6; i++) {
    await page.getByLabel("邮箱").fill("nobody-at-all@shoudai.test");
    await page.getByLabel(/^密码$/).fill(`guess-${i}-long-enough`);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.locator("form [role=alert]")).toBeVisible();
  }
  await expect(page.locator("form [role=alert]")).toHaveText(/登录失败次数过多，已暂时锁定/);
});

test("a head-office account is asked for its authentication code after the password; a wrong code is refused", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("邮箱").fill("hq.zjrcb@shoudai.test");
  await page.getByLabel(/^密码$/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("form [role=alert]")).toHaveText(/需要第二步验证/);
  const right = await currentTotpCode(DEMO_TOTP_SECRET);
  await page.getByLabel("动态验证码").fill(right === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("form [role=alert]")).toHaveText(/动态验证码不正确/);
  await expect(page).toHaveURL(/\/sign-in/);
  // The production build never shows the demo accounts' code.
  await expect(page.getByTestId("demo-totp")).toHaveCount(0);
});

test("a redirect after sign-in stays on this site (backslash and tab tricks)", async ({ page, baseURL }) => {
  await page.goto("/sign-in?callbackUrl=%2F%5Cevil.example%2Fx");
  await page.getByLabel("邮箱").fill("am08@shoudai.test");
  await page.getByLabel(/^密码$/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);
});
