// Assessment and market order in a real browser on the demo seed: head office (with its TOTP)
// is refused a scheme whose weights do not add up to 100, creates one, and sees its branches
// scored and ranked on /assessment and on its dashboard; the regulator opens the market-order
// flags, reads a flag's aggregate facts and marks it reviewed.
import { expect, test } from "@playwright/test";
import { todayInShanghai } from "@/lib/domain/dates";
import { signIn, signOut } from "./support";
import { insertCrowdingFlag } from "./market-flag";

test("head office creates a scheme and sees branch scores; the regulator reviews a market-order flag", async ({ page }) => {
  await signIn(page, "hq@shoudai.test");
  await page.goto("/assessment");
  await expect(page.getByRole("heading", { name: "考核 · 工商银行" })).toBeVisible();
  const form = page.getByTestId("scheme-form");
  const name = `首贷考核方案 ${Date.now()}`;
  await form.getByLabel("方案名称").fill(name);
  await form.getByLabel("生效日期").fill(`${todayInShanghai().slice(0, 7)}-01`);
  await form.getByLabel("时效（需求→首贷）").fill("9");
  await expect(page.getByTestId("weights-sum")).toHaveText("合计 99%");
  await form.getByRole("button", { name: "保存方案" }).click();
  await expect(page.getByTestId("error-weights")).toHaveText("六项权重合计须为 100%。");
  await expect(page.getByTestId("scheme-list")).toHaveCount(0);

  await form.getByLabel("时效（需求→首贷）").fill("10");
  await form.getByRole("button", { name: "保存方案" }).click();
  await expect(page.getByText("方案已保存。")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("scheme-list")).toContainText(name);
  await expect(page.getByTestId("scheme-in-force")).toContainText(name);
  const branches = page.getByTestId("assessment-branches");
  await expect(branches).toContainText("桐乡支行");
  await expect(branches.locator("tbody tr").first().locator("td").first()).toHaveText("1");
  await expect(page.getByTestId("assessment-managers")).toBeVisible();

  await page.goto("/dashboard");
  await expect(page.getByTestId("dashboard-assessment")).toBeVisible();
  await expect(page.getByTestId("dashboard-assessment-branches")).toContainText("桐乡支行");
  // Market-order flags are the regulators': a bank's head office finds no such page (the
  // not-found page; the status can be 200 once the loading shell has streamed).
  await page.goto("/market");
  await expect(page.getByText("该页面不存在，或您无权查看。")).toBeVisible();
  await expect(page.getByTestId("flag-table")).toHaveCount(0);
  await page.goto("/dashboard");
  await signOut(page);

  const { flagId, enterpriseName } = await insertCrowdingFlag();
  await signIn(page, "regulator@shoudai.test");
  await page.goto("/market");
  await expect(page.getByRole("heading", { name: "市场秩序" })).toBeVisible();
  const row = page.getByTestId(`flag-${flagId}`);
  await expect(row).toContainText("集中营销");
  await expect(row).toContainText("3 家银行");
  await row.getByRole("link", { name: enterpriseName }).click();
  await expect(page.getByTestId("enterprise-facts")).toBeVisible();
  await expect(page.getByTestId("enterprise-facts")).toContainText("仅显示汇总事实");
  await page.getByLabel("核查说明").fill("已约谈三家银行");
  await page.getByRole("button", { name: "标记为已核查" }).click();
  // The page re-renders with the review in place of the form (and keeps it after a reload).
  await expect(page.getByTestId("flag-review")).toContainText("已约谈三家银行");
  await expect(page.getByTestId("review-form")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("flag-review")).toContainText("浙江监管局");
  await page.goto("/market?status=reviewed");
  await expect(page.getByTestId(`flag-${flagId}`)).toContainText("已核查");
});
