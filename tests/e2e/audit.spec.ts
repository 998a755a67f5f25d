// The audit trail in a real browser on the demo seed: a manager sees the legal representative's
// phone masked and reveals it, asks for an enterprise that is not theirs (the usual 404) and
// cannot open /audit; then head office reads its bank's audit log — its own sign-in, the
// manager's reveal and refused id — and downloads it, which is itself recorded.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./support";

const UNKNOWN_ID = "00000000-0000-4000-8000-00000000a0d1";

test("phone masked then revealed; head office reads the audit log with the sign-in, the reveal and the refused id, and its export is audited", async ({ page }) => {
  await signIn(page, "manager@shoudai.test");
  await page.goto("/pool");
  await page.locator("tbody tr a").first().click();
  await expect(page.getByTestId("enterprise-name")).toBeVisible();
  const phone = page.getByTestId("legal-rep-phone");
  await expect(phone).toHaveText(/^1\d{2}\*{4}\d{4}$/);
  const masked = await phone.innerText();
  await page.getByRole("button", { name: "显示完整号码" }).click();
  await expect(phone).toHaveText(/^1\d{10}$/);
  const full = await phone.innerText();
  expect(full.slice(0, 3) + "****" + full.slice(7)).toBe(masked);
  await expect(page.getByRole("button", { name: "显示完整号码" })).toHaveCount(0);

  const missing = await page.goto(`/enterprises/${UNKNOWN_ID}`);
  expect(missing?.status()).toBe(404);
  // A manager reads no audit log: the page is missing for them.
  expect((await page.goto("/audit"))?.status()).toBe(404);
  await page.goto("/pool");
  await signOut(page);

  await signIn(page, "hq@shoudai.test");
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "审计日志" })).toBeVisible();
  const table = page.getByTestId("audit-table");
  const ownSignIn = table.locator('tr[data-action="auth.sign_in"]').filter({ hasText: "hq@shoudai.test" }).first();
  await expect(ownSignIn).toBeVisible();
  await expect(ownSignIn).toContainText("登录");

  await page.getByLabel("用户邮箱").fill("manager@shoudai.test");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/user=manager%40shoudai\.test/);
  await expect(table.locator('tr[data-action="personal_data.reveal"]').first()).toContainText("查看完整手机号");
  await expect(table.locator('tr[data-action="access.refused"]').filter({ hasText: UNKNOWN_ID }).first()).toContainText(`/enterprises/${UNKNOWN_ID}`);
  // Only the manager's rows are listed now.
  await expect(table.locator("tbody tr").filter({ hasText: "hq@shoudai.test" })).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-audit-csv").click()]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv).toContain("审计日志");
  expect(csv).toContain("personal_data.reveal");
  expect(csv).toContain("manager@shoudai.test");
  expect(csv).not.toContain("hq@shoudai.test");

  await page.goto("/audit?action=export.download&user=hq%40shoudai.test");
  await expect(table.locator('tr[data-action="export.download"]').first()).toContainText('"table":"audit"');
});
