// The regulator's page in a real browser on the demo seed: the drill-down city → county →
// bank with charts that follow it, a period that does not exist, the period picker with and
// without scripts, the printed page, and export file names in both languages.
import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("drills from the cities to Tongxiang's counties and on to its banks; the charts follow", async ({ page }) => {
  await signIn(page, "regulator@shoudai.test");
  await page.goto("/regulator");
  await expect(page.getByTestId("rollup-table-title")).toHaveText("浙江省不含宁波 各地市");

  await page.getByTestId("rollup-table-city").getByRole("link", { name: "嘉兴市" }).click();
  const counties = page.getByTestId("rollup-table-county");
  await expect(counties).toBeVisible();
  await expect(page.getByTestId("rollup-table-title")).toHaveText("嘉兴市 各区县");
  // The county view names each county's city.
  await expect(counties.locator("thead")).toContainText("地市");
  const tongxiang = counties.locator("tbody tr", { has: page.getByRole("link", { name: "桐乡市" }) });
  await expect(tongxiang.locator("td").nth(1)).toHaveText("嘉兴市");
  await expect(page.getByTestId("compare-figure").locator("figcaption")).toHaveText("嘉兴市 各区县新增首贷户与授信户数");
  // The chart's numbers as a table for screen readers: one row per county of Jiaxing.
  await expect(page.getByTestId("compare-figure-data").locator("tbody th", { hasText: "桐乡" })).toHaveCount(1);
  await expect(page.getByTestId("compare-figure-data").locator("tbody th", { hasText: "西湖" })).toHaveCount(0);

  await tongxiang.getByRole("link", { name: "桐乡市" }).click();
  await expect(page).toHaveURL(/by=bank/);
  await expect(page).toHaveURL(/county=330483/);
  const banks = page.getByTestId("rollup-table-bank");
  await expect(page.getByTestId("rollup-table-title")).toHaveText("嘉兴市桐乡市 各银行");
  // The demo's ICBC 桐乡支行 works Tongxiang: its bank has a row here.
  await expect(banks.locator("tbody tr").filter({ hasText: "工商银行" })).toHaveCount(1);
  // The total counts each enterprise once and says so; its pool column is not a sum of pools.
  await expect(banks.locator("tfoot")).toContainText("合计（企业去重）");
  await expect(banks.locator("tfoot td").nth(1)).toContainText("—");
  await expect(page.getByTestId("trend-figure").locator("figcaption")).toHaveText("嘉兴市桐乡市 新增首贷户月度走势");
  await expect(page.getByTestId("compare-figure").locator("figcaption")).toHaveText("嘉兴市桐乡市 各银行新增首贷户与授信户数");
  await expect(page.getByTestId("compare-figure-data").locator("tbody th").filter({ hasText: "工商银行" })).toHaveCount(1);
  // The path back up.
  const path = page.getByTestId("drill-path");
  await expect(path.getByRole("link", { name: "嘉兴市" })).toBeVisible();
  await path.getByRole("link", { name: "全部地市" }).click();
  await expect(page.getByTestId("rollup-table-city")).toBeVisible();
});

test("Ningbo's bureau cannot drill into another city's banks", async ({ page }) => {
  await signIn(page, "regulator.ningbo@shoudai.test");
  await page.goto("/regulator?by=bank&city=330400");
  await expect(page.getByTestId("outside-scope")).toContainText("不在您的统计范围内");
  await expect(page.getByTestId("rollup-table-bank").locator("tbody")).toContainText("本期间没有数据");
  await expect(page.getByTestId("total-listed")).toContainText(/^\D*0\D/);
  // Its own city drills down as usual.
  await page.goto("/regulator?by=county&city=330200");
  await expect(page.getByTestId("outside-scope")).toHaveCount(0);
  await expect(page.getByTestId("rollup-table-county").getByRole("link", { name: "鄞州区" })).toBeVisible();
});

test("a period that does not exist gives a message and the picker, not figures", async ({ page }) => {
  await signIn(page, "regulator@shoudai.test");
  const response = await page.goto("/regulator?period=quarter&quarter=9999-Q4");
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("period-error")).toContainText("统计期间无效");
  await expect(page.getByTestId("rollup-table-city")).toHaveCount(0);
  await expect(page.getByTestId("province-totals")).toHaveCount(0);
  await expect(page.getByTestId("period-picker")).toBeVisible();
});

test("the period picker shows only the chosen type's fields, with scripts off too", async ({ page, browser }) => {
  await signIn(page, "regulator@shoudai.test");
  const context = await browser.newContext({ storageState: await page.context().storageState(), javaScriptEnabled: false, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const noJs = await context.newPage();
  await noJs.goto(new URL("/regulator?period=month&month=2026-03", page.url()).toString());
  const picker = noJs.getByTestId("period-picker");
  await expect(picker.getByLabel("月份")).toBeVisible();
  await expect(picker.getByLabel(/^季度/)).toBeHidden();
  await expect(picker.getByLabel("起始日")).toBeHidden();
  await expect(picker.getByLabel("截止日")).toBeHidden();

  await picker.getByLabel("期间类型").selectOption("quarter");
  await expect(picker.getByLabel(/^季度/)).toBeVisible();
  await expect(picker.getByLabel("月份")).toBeHidden();
  await picker.getByLabel(/^季度/).fill("2026-Q1");
  await picker.getByRole("button", { name: "查询" }).click();
  await expect(noJs).toHaveURL(/period=quarter/);
  await expect(noJs.getByTestId("ningbo-scope")).toContainText("2026年1月1日 至 2026年3月31日");

  await picker.getByLabel("期间类型").selectOption("range");
  await expect(picker.getByLabel("起始日")).toBeVisible();
  await expect(picker.getByLabel("截止日")).toBeVisible();
  await expect(picker.getByLabel(/^季度/)).toBeHidden();
  await picker.getByLabel("期间类型").selectOption("ytd");
  await expect(picker.getByLabel("起始日")).toBeHidden();
  await expect(picker.getByLabel("截止日")).toBeVisible();
  await context.close();
});

test("printed: no navigation or controls, the scope and period on top, the definitions in full", async ({ page }) => {
  await signIn(page, "regulator@shoudai.test");
  await page.goto("/regulator?period=quarter&quarter=2026-Q1&by=county&city=330400");
  await expect(page.getByTestId("print-header")).toBeHidden();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("whoami")).toBeHidden();
  await expect(page.getByRole("navigation").first()).toBeHidden();
  await expect(page.getByTestId("period-picker")).toBeHidden();
  await expect(page.getByTestId("export-province-csv")).toBeHidden();
  const header = page.getByTestId("print-header");
  await expect(header).toBeVisible();
  await expect(header).toContainText("范围：嘉兴市");
  await expect(header).toContainText("维度：按区县");
  await expect(header).toContainText("2026年1月1日 至 2026年3月31日");
  await expect(page.getByTestId("print-definitions")).toBeVisible();
  await expect(page.getByTestId("print-definitions")).toContainText("转化率");
  await expect(page.getByTestId("rollup-table-county")).toBeVisible();
});

test("the branch head's dashboard prints the same way", async ({ page }) => {
  await signIn(page, "head@shoudai.test");
  await page.goto("/dashboard");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("whoami")).toBeHidden();
  await expect(page.getByTestId("print-header")).toContainText("桐乡支行");
  await expect(page.getByTestId("export-branch-managers-csv")).toBeHidden();
  await expect(page.getByTestId("manager-table")).toBeVisible();
});

test("exports are named after scope, grouping and period, in the UI's language", async ({ page, context }) => {
  await signIn(page, "regulator@shoudai.test");
  await page.goto("/regulator?period=quarter&quarter=2026-Q1&by=bank&county=330483");
  const [zh] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-province-xlsx").click()]);
  expect(zh.suggestedFilename()).toBe("嘉兴市桐乡市-按银行-2026-Q1.xlsx");

  await context.addCookies([{ name: "shoudai_locale", value: "en", url: page.url() }]);
  await page.goto("/regulator?period=month&month=2026-03");
  await expect(page.getByTestId("rollup-table-title")).toHaveText("Cities of Zhejiang excl. Ningbo");
  const [en] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-province-csv").click()]);
  expect(en.suggestedFilename()).toBe("zhejiang-excl-ningbo-by-city-2026-03.csv");
});
