// Dashboards in a real browser on the demo seed: the regulator's city table and its Ningbo
// switch, the branch head's funnel, and a CSV download that carries the table.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("regulator sees the province by city, without Ningbo until switched on", async ({ page }) => {
  await signIn(page, "regulator@shoudai.test");
  await page.goto("/regulator");
  const table = page.getByTestId("rollup-table-city");
  await expect(table.locator("tbody tr")).toHaveCount(10);
  await expect(table.getByRole("cell", { name: /^杭州市/ })).toBeVisible();
  await expect(table.getByText("宁波市")).toHaveCount(0);
  await expect(page.getByTestId("ningbo-scope")).toContainText("不含宁波");
  const listedWithout = Number((await page.getByTestId("total-listed").locator("div").nth(1).innerText()).replace(/,/g, ""));
  expect(listedWithout).toBeGreaterThan(0);

  await page.getByTestId("ningbo-switch").selectOption("include");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/ningbo=include/);
  await expect(table.locator("tbody tr")).toHaveCount(11);
  await expect(table.getByText("宁波市")).toBeVisible();
  const listedWith = Number((await page.getByTestId("total-listed").locator("div").nth(1).innerText()).replace(/,/g, ""));
  expect(listedWith).toBeGreaterThan(listedWithout);

  // Drill down into a city's counties and back.
  await table.getByRole("link", { name: "嘉兴市" }).click();
  await expect(page.getByTestId("rollup-table-county")).toBeVisible();
  await expect(page.getByTestId("rollup-table-county").getByText("桐乡市")).toBeVisible();
});

test("branch head sees the funnel, the approval queue and the managers", async ({ page }) => {
  await signIn(page, "head@shoudai.test");
  await page.goto("/dashboard");
  const funnel = page.getByTestId("branch-funnel");
  await expect(funnel).toBeVisible();
  await expect(funnel.getByTestId("funnel-pool")).toContainText("入池无贷户");
  const pool = Number((await funnel.getByTestId("funnel-pool").locator("div").nth(1).innerText()).replace(/[^\d]/g, ""));
  expect(pool).toBeGreaterThan(0);
  await expect(funnel.getByTestId("funnel-visited")).toContainText("较上一步");
  await expect(page.getByTestId("approval-queue").getByRole("link", { name: "前往审批" })).toHaveAttribute("href", "/approvals");
  await expect(page.getByTestId("manager-table").locator("tbody tr").first()).toBeVisible();
  // Sorting by a header reorders the table without a reload.
  await page.getByTestId("manager-table").getByRole("button", { name: /管户数/ }).click();
  await expect(page.getByTestId("manager-table").locator("th[aria-sort='descending']")).toHaveCount(1);
});

test("the city table downloads as CSV with its filters", async ({ page }) => {
  await signIn(page, "regulator@shoudai.test");
  await page.goto("/regulator");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-province-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = await readFile((await download.path())!, "utf8");
  expect(text).toContain("首贷户培育汇总");
  expect(text).toContain("不含宁波");
  expect(text).toContain("杭州市");
  expect(text).not.toContain("宁波市");
});
