import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./support";

const MANAGER = "manager@shoudai.test";
const HEAD = "head@shoudai.test";

/** An enterprise of the manager's pool with no credit yet (a registered need if there is one). */
async function pickEnterprise(page: Page): Promise<{ name: string; url: string; hasNeed: boolean }> {
  for (const stage of ["NEED_REGISTERED", "NO_LOAN"] as const) {
    await page.goto(`/pool?stage=${stage}`);
    const links = page.locator("tbody tr td:first-child a");
    const count = await links.count();
    if (count === 0) continue;
    // Not the first row: the foundation spec works on that one.
    const link = links.nth(Math.min(2, count - 1));
    const name = (await link.textContent())!.trim();
    await link.click();
    await expect(page.getByTestId("enterprise-name")).toHaveText(name);
    await expect(page.getByTestId("stage").first()).toHaveText(stage === "NO_LOAN" ? "无贷户" : "需求已登记");
    return { name, url: page.url(), hasNeed: stage === "NEED_REGISTERED" };
  }
  throw new Error("the demo manager has no enterprise without credit");
}

/** `amountWan`: the limit as typed, in 万元 (the unit of every amount field). */
async function proposeCredit(page: Page, product: string, amountWan: string, echo?: string) {
  await page.getByText("申请授信", { exact: true }).click();
  const form = page.getByTestId("credit-proposal-form");
  await form.getByLabel("产品名称").fill(product);
  await form.getByLabel("授信金额（万元）").fill(amountWan);
  // The field says at once what it will record, in both units.
  if (echo) await expect(form.getByTestId("echo-limitWan")).toHaveText(echo);
  await form.getByLabel("担保方式").selectOption({ label: "保证" });
  await form.getByLabel("政府性融资担保").check();
  await form.getByLabel("无贷款记录").check();
  await form.getByRole("button", { name: "提交审批", exact: true }).click();
  await expect(page.getByTestId("pending-banner")).toContainText(`待审批授信：${product}`);
}

async function approveAsHead(page: Page, enterpriseName: string) {
  await signOut(page);
  await signIn(page, HEAD);
  await expect(page.getByTestId("approvals-badge")).toHaveText(/^[1-9]\d*$/);
  await page.getByRole("link", { name: /授信审批/ }).click();
  await expect(page.getByRole("heading", { name: "授信审批" })).toBeVisible();
  await page.getByTestId("approval-row").filter({ hasText: enterpriseName }).getByRole("link", { name: "审批" }).click();
  await expect(page.getByTestId("approval-enterprise")).toHaveText(enterpriseName);
  // Nothing is preselected; the decision is restated before it is recorded.
  await expect(page.getByLabel("批准")).not.toBeChecked();
  await expect(page.getByLabel("拒绝", { exact: true })).not.toBeChecked();
  await page.getByLabel("批准").check();
  await page.getByRole("button", { name: "提交审批结论" }).click();
  await expect(page.getByTestId("decision-confirm")).toContainText(enterpriseName);
  await expect(page.getByTestId("decision-confirm")).toContainText("授信金额");
  await page.getByRole("button", { name: "确认批准" }).click();
  await expect(page.getByTestId("decision-result")).toContainText("已批准");
  await signOut(page);
  await signIn(page, MANAGER);
}

test("manager proposes, head approves, manager disburses once on a double click: 首贷户; a further line: 伙伴客户", async ({ page }) => {
  await signIn(page, MANAGER);
  const enterprise = await pickEnterprise(page);

  // Managers have no approval queue.
  await expect(page.getByRole("link", { name: /授信审批/ })).toHaveCount(0);

  // 1. The manager proposes a line; the page shows the pending banner, the form is gone.
  await proposeCredit(page, "小微首贷快贷", "1,000", "= 1,000.00 万元 = 10,000,000.00 元");
  await expect(page.getByText("申请授信", { exact: true })).toHaveCount(0);
  await expect(page.getByTestId("timeline").locator('[data-kind="proposal"]')).toHaveCount(1);

  // 2. The branch head approves it from the queue.
  await approveAsHead(page, enterprise.name);
  // The manager's home shows the decision on their proposal.
  await page.goto("/dashboard");
  await expect(page.getByTestId("recent-decisions").locator('[data-status="APPROVED"]').filter({ hasText: enterprise.name })).toHaveCount(1);

  // 3. The manager disburses; a double click on the button records one disbursement.
  await page.goto(enterprise.url);
  await expect(page.getByTestId("stage").first()).toHaveText("已授信");
  await expect(page.getByTestId("pending-banner")).toHaveCount(0);
  const line = page.getByTestId("credit-line").first();
  await expect(line.getByTestId("line-available")).toHaveText("10,000,000.00 元");
  const form = line.getByTestId("disbursement-form");
  // Typed with a Chinese IME's full-width digits.
  await form.getByLabel("放款金额（万元）").fill("３００");
  await expect(form.getByTestId("echo-amountWan")).toHaveText("= 300.00 万元 = 3,000,000.00 元");
  await form.getByLabel("放款类型").selectOption("NEW");
  // The disbursement is restated (enterprise, amount in 元 and 万元) before it is recorded.
  await form.getByRole("button", { name: "核对放款" }).click();
  await expect(form.getByTestId("disbursement-confirm")).toContainText(enterprise.name);
  await expect(form.getByTestId("disbursement-confirm")).toContainText("300.00 万元（3,000,000.00 元）");
  await form.getByRole("button", { name: "确认放款" }).dblclick();
  await expect(form.getByRole("status")).toHaveText("已登记放款 3,000,000.00 元。");
  // Focus moves to the outcome, so a screen reader hears it.
  await expect(form.getByRole("status")).toBeFocused();

  await page.reload();
  await expect(page.getByTestId("timeline").locator('[data-kind="disbursement"]')).toHaveCount(1);
  await expect(page.getByTestId("first-ever")).toHaveText("首贷");
  await expect(page.getByTestId("stage").first()).toHaveText("首贷户");
  await expect(line.getByTestId("line-drawn")).toHaveText("3,000,000.00 元");
  await expect(line.getByTestId("line-available")).toHaveText("7,000,000.00 元");
  if (enterprise.hasNeed) await expect(page.getByTestId("time-to-cash")).toHaveText(/^\d+ 天$/);

  // A garbage amount is marked before anything is sent: red, invalid, focused, with the reason.
  const amount = line.getByTestId("disbursement-form").getByLabel("放款金额（万元）");
  await amount.fill("15,00");
  await line.getByTestId("disbursement-form").getByRole("button", { name: "核对放款" }).click();
  await expect(line.getByTestId("error-amountWan")).toHaveText("请输入金额（万元），如 150 或 1,500.5。");
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toBeFocused();
  // Over-drawing is refused with what is available, next to the amount; nothing recorded.
  await amount.fill("700.000001");
  await line.getByTestId("disbursement-form").getByRole("button", { name: "核对放款" }).click();
  await line.getByTestId("disbursement-form").getByRole("button", { name: "确认放款" }).click();
  await expect(line.getByTestId("error-amountWan")).toHaveText("金额超过该授信的可用额度：可用额度 7,000,000.00 元。");
  await expect(amount).toHaveValue("700.000001");
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toBeFocused();

  // A repayment on the revolving line frees that much of the limit again.
  await line.getByText("登记还款").click();
  await line.getByTestId("repayment-form").getByLabel("还款金额（万元）").fill("100");
  await line.getByTestId("repayment-form").getByRole("button", { name: "确认还款" }).click();
  await expect(line.getByTestId("repayment-form").getByRole("status")).toHaveText("已登记还款 1,000,000.00 元。");
  await page.reload();
  await expect(line.getByTestId("line-available")).toHaveText("8,000,000.00 元");
  await expect(page.getByTestId("timeline").locator('[data-kind="disbursement"]')).toHaveCount(1);
  await expect(page.getByTestId("timeline").locator('[data-kind="repayment"]')).toHaveCount(1);

  // 4. Later, a further line from the same bank: the first-loan client becomes a partner.
  await proposeCredit(page, "续贷", "50");
  await approveAsHead(page, enterprise.name);
  await page.goto(enterprise.url);
  await expect(page.getByTestId("stage").first()).toHaveText("伙伴客户");
  await expect(page.getByTestId("credit-line")).toHaveCount(2);
  await expect(page.getByTestId("timeline").locator('[data-kind="decision"]')).toHaveCount(2);
});

test("a branch head cannot approve a proposal of their own", async ({ page }) => {
  await signIn(page, HEAD);
  // An enterprise of the branch with nothing pending (a re-run finds its earlier proposal).
  let name = "";
  for (let i = 5; i < 15 && !name; i++) {
    await page.goto("/pool?stage=NO_LOAN");
    const link = page.locator("tbody tr td:first-child a").nth(i);
    const candidate = (await link.textContent())!.trim();
    await link.click();
    await expect(page.getByTestId("enterprise-name")).toHaveText(candidate);
    if (await page.getByText("申请授信", { exact: true }).count()) name = candidate;
  }
  await proposeCredit(page, "自荐产品", "20");
  // The banner offers no review link to the proposer; the queue says another head must decide.
  await expect(page.getByTestId("pending-banner").getByRole("link")).toHaveCount(0);
  await page.getByRole("link", { name: /授信审批/ }).click();
  const row = page.getByTestId("approval-row").filter({ hasText: name });
  await expect(row).toContainText("本人提交，须由其他行长审批");
  await row.getByRole("link", { name: "查看" }).click();
  await expect(page.getByTestId("own-proposal")).toBeVisible();
  await expect(page.getByRole("button", { name: "提交审批结论" })).toHaveCount(0);
});
