import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { currentTotpCode } from "@/lib/auth/totp";
import { DEMO_TOTP_EMAILS, DEMO_TOTP_SECRET } from "@/prisma/seed/demo-totp";

export const DEMO_PASSWORD = "Shoudai#2026";

const STEP_FILE = path.join(os.tmpdir(), "shoudai-e2e-totp-steps.json");
const LOCK_DIR = `${STEP_FILE}.lock`;

/**
 * A TOTP time step no other sign-in of this run has used for the account: the server accepts a
 * code once (replay guard) and ±1 step of drift, so parallel workers signing in as the same
 * demo account take turns — the current step, then the next one, then they wait.
 */
async function reserveStep(email: string): Promise<number> {
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  let step: number;
  try {
    let used: Record<string, number> = {};
    try {
      used = JSON.parse(readFileSync(STEP_FILE, "utf8")) as Record<string, number>;
    } catch {
      // first sign-in of the run
    }
    const now = Math.floor(Date.now() / 30_000);
    step = Math.max(now, (used[email] ?? 0) + 1);
    used[email] = step;
    writeFileSync(STEP_FILE, JSON.stringify(used));
  } finally {
    rmdirSync(LOCK_DIR);
  }
  // A step two or more ahead is not accepted yet: wait until it is the next one.
  const waitMs = (step - 1) * 30_000 - Date.now() + 500;
  if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
  return step;
}

/** Signs in through the form; demo head-office and regulator accounts also type their TOTP code. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, totpSecret?: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  const secret = totpSecret ?? ((DEMO_TOTP_EMAILS as readonly string[]).includes(email) ? DEMO_TOTP_SECRET : null);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  if (secret) {
    const otp = page.getByLabel(/动态验证码|Authentication code/);
    await expect(otp).toBeVisible();
    const step = await reserveStep(email);
    await otp.fill(await currentTotpCode(secret, new Date(step * 30_000 + 1000)));
    await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  }
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: /退出|Sign out/ }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** The request's session cookie as a Cookie header ("name=value"). */
export async function sessionCookie(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie, "a session cookie after sign-in").toBeTruthy();
  return `${cookie!.name}=${cookie!.value}`;
}

/** An ended session's cookie opens nothing, and Auth.js's session endpoint does not renew it. */
export async function expectCookieDead(request: APIRequestContext, cookie: string): Promise<void> {
  const page = await request.get("/pool", { headers: { cookie }, maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toMatch(/\/sign-in/);
  const session = await request.get("/api/auth/session", { headers: { cookie } });
  expect(await session.json()).toBeNull();
  expect(session.headers()["set-cookie"] ?? "").not.toMatch(/authjs\.session-token=[^;]+\./);
}
