import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./support";

// The whole path of issue 10 in the browser, with the demo seed: the regulator imports the
// shipped fixture (errors in it), watches it finish, downloads the error file and publishes;
// ICBC's head office distributes by county; the 桐乡 branch head assigns a new client to the
// demo manager, who finds it in 我的客户池 and logs a visit. (Handover: assign.spec.ts.)
const FIXTURE = "tests/fixtures/lists/list-utf8.csv";
const ENTERPRISE = "桐乡市恒达五金有限公司"; // line 2 of the fixture: 桐乡, 对接银行 工商银行

async function whoami(page: Page): Promise<string> {
  return (await page.getByTestId("whoami").innerText()).split("·")[0]!.trim();
}

test("a list comes in and its enterprises reach an account manager", async ({ page }) => {
  test.setTimeout(120_000);
  // The regulator imports the file and watches the batch until it is done.
  await signIn(page, "regulator@shoudai.test");
  await page.getByRole("link", { name: "名单导入" }).click();
  await expect(page.getByRole("heading", { name: "名单导入" })).toBeVisible();
  const batchName = `端到端名单 ${Date.now()}`;
  await page.getByLabel("名单类型").selectOption({ label: "百行进万企清单" });
  await page.getByLabel("批次名称").fill(batchName);
  await page.getByLabel(/^文件/).setInputFiles(FIXTURE);
  await page.getByRole("button", { name: "上传并导入" }).click();
  await expect(page).toHaveURL(/\/lists\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: batchName })).toBeVisible();
  // The page polls while the job runs and shows the outcome when it ends.
  await expect(page.getByTestId("batch-counts")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("batch-status")).toHaveText("已完成");
  await expect(page.getByTestId("count-rows")).toHaveText("30");
  await expect(page.getByTestId("count-rejectedRows")).toHaveText("15");
  await expect(page.getByTestId("count-newEnterprises")).toHaveText("15");
  await expect(page.getByTestId("checksum")).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId("error-rows")).toContainText("统一社会信用代码校验位不正确");

  // The per-row error file: line numbers, reasons in Chinese, the original cells.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("errors-csv").click()]);
  const errorFile = await readFile((await download.path())!, "utf8");
  expect(errorFile.startsWith("\uFEFF行号,原因,统一社会信用代码")).toBe(true);
  expect(errorFile).toMatch(/\r\n8,统一社会信用代码校验位不正确,91330483007UFM92U0,/);
  expect(errorFile).toContain("与第 5 行重复");

  // Publish: every listed enterprise gets its responsible bank (here from the file's column).
  const panel = page.getByTestId("publish-panel");
  await panel.getByTestId("publish-confirm").check();
  await panel.getByRole("button", { name: "发布名单" }).click();
  // A job publishes it; the panel says so and updates itself when it is done.
  await expect(panel.getByTestId("publish-result")).toContainText("进入银行客户池", { timeout: 60_000 });
  await signOut(page);

  // ICBC's head office: the new clients wait at head office; the county rule sends 桐乡's to 桐乡支行.
  await signIn(page, "hq@shoudai.test");
  await page.goto("/assign");
  const county = page.getByTestId("county-form").locator('tr[data-county="330483"]');
  await expect(county).toContainText("桐乡支行");
  await page.getByTestId("county-form").getByRole("button", { name: /按区县分配/ }).click();
  await expect(page.getByTestId("assign-done")).toContainText(/已分配 \d+ 户/);
  await signOut(page);

  // The demo manager's name, then the branch head assigns the client to them.
  await signIn(page, "manager@shoudai.test");
  const manager = await whoami(page);
  await signOut(page);
  await signIn(page, "head@shoudai.test");
  await page.goto(`/assign?q=${encodeURIComponent(ENTERPRISE)}`);
  const form = page.getByTestId("selection-form");
  await form.locator("tbody tr").filter({ hasText: ENTERPRISE }).getByRole("checkbox").check();
  await form.getByRole("checkbox", { name: new RegExp(`^${manager}`) }).check();
  await form.getByRole("button", { name: /^分配/ }).click();
  await expect(page.getByTestId("assign-done")).toContainText(`${manager} 1 户`);
  await signOut(page);

  // The manager finds it in 我的客户池 and logs the first visit.
  await signIn(page, "manager@shoudai.test");
  await page.goto("/pool");
  await page.getByRole("searchbox").fill("恒达五金");
  await page.getByRole("button", { name: "搜索" }).click();
  await page.getByRole("link", { name: ENTERPRISE }).click();
  await expect(page.getByTestId("enterprise-name")).toHaveText(ENTERPRISE);
  await expect(page.getByTestId("stage").first()).toHaveText("无贷户");
  await page.getByLabel("实地").check();
  await page.getByLabel("需求金额（万元）").fill("80");
  await page.getByLabel("走访记录").fill("名单导入后首次上门走访。");
  await page.getByRole("button", { name: "保存走访" }).click();
  await expect(page.getByRole("status")).toHaveText("走访已登记。");
  // An on-site visit that found a need: 已走访 (the furthest step reached).
  await expect(page.getByTestId("stage").first()).toHaveText("已走访");
  // Its history: into ICBC's pool by the list, to 桐乡支行, to this manager.
  await expect(page.locator('[data-assign-kind="POOL"]')).toHaveCount(1);
  await expect(page.locator('[data-assign-kind="DISTRIBUTE"]')).toHaveCount(1);
  await expect(page.locator('[data-assign-kind="ASSIGN"]')).toContainText(manager);
});
