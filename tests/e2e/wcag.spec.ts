import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./support";

// Every page of every role, at a desktop and a phone viewport, has no WCAG 2 A/AA violation
// that axe can find. Pages behind an id are reached through the first link on their list page;
// this file is named to run after the other specs (one worker, files in name order), whose
// imports, notices and flags give those list pages something to link to. A page with nothing
// to link to yet is named in the output ("skipped"), not silently passed.

const VIEWPORTS = [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 390, height: 844 } },
] as const;

/** A route, or [a list page, a link pattern on it] for a page behind an id. */
type Route = string | { from: string; link: RegExp };

const ROLES: { role: string; email: string; routes: Route[] }[] = [
  {
    role: "manager",
    email: "manager@shoudai.test",
    routes: ["/dashboard", "/pool", "/pool/offline", { from: "/pool", link: /^\/enterprises\/[^/?]+$/ }, "/notifications", "/notifications?show=all", "/account"],
  },
  {
    role: "branch head",
    email: "head@shoudai.test",
    routes: [
      "/dashboard", "/pool", { from: "/pool", link: /^\/enterprises\/[^/?]+$/ }, "/approvals", { from: "/approvals", link: /^\/approvals\/[^/?]+$/ },
      "/assign", "/assign/handover", "/notifications", "/account",
    ],
  },
  {
    role: "head office",
    email: "hq@shoudai.test",
    routes: [
      "/dashboard", "/pool", { from: "/pool", link: /^\/enterprises\/[^/?]+$/ }, "/assign", "/lists", { from: "/lists", link: /^\/lists\/[^/?]+$/ },
      "/notices", { from: "/notices", link: /^\/notices\/\d{4}-\d{2}$/ }, "/assessment", "/admin", "/admin/users",
      { from: "/admin/users", link: /^\/admin\/users\/[^/?]+$/ }, "/admin/branches", "/audit", "/jobs", "/notifications", "/account",
    ],
  },
  {
    role: "regulator",
    email: "regulator@shoudai.test",
    routes: [
      "/regulator", { from: "/regulator", link: /^\/regulator\?.*city=/ }, "/lists", { from: "/lists", link: /^\/lists\/[^/?]+$/ }, "/allocation", "/coverage", { from: "/coverage", link: /^\/coverage\?.*city=/ }, "/notices", "/notices/rules",
      { from: "/notices", link: /^\/notices\/\d{4}-\d{2}$/ }, "/market", { from: "/market", link: /^\/market\/[^/?]+$/ },
      "/admin", "/admin/banks", "/audit", "/jobs", "/notifications", "/account",
    ],
  },
];

type Finding = { page: string; rule: string; impact: string | null | undefined; help: string; targets: string[] };

async function firstLink(page: Page, from: string, pattern: RegExp): Promise<string | null> {
  await page.goto(from);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.map((h) => h.split("#")[0]!).find((h) => pattern.test(h)) ?? null;
}

async function analyze(page: Page, label: string): Promise<Finding[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return violations.map((v) => ({ page: label, rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

async function scan(page: Page, path: string): Promise<Finding[]> {
  const response = await page.goto(path);
  expect(response?.status(), `${path} opens`).toBeLessThan(400);
  await page.locator("main").first().waitFor();
  // Let client components (charts, forms) mount before axe reads the page.
  await page.waitForLoadState("networkidle").catch(() => undefined);
  return analyze(page, path);
}

/** The page as it is now (a form opened, refused, confirming), at both viewports. */
async function scanHere(page: Page, label: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport.size);
    findings.push(...(await analyze(page, `${viewport.name} ${label}`)));
  }
  return findings;
}

for (const { role, email, routes } of ROLES) {
  test(`axe: every ${role} page, desktop and phone, has no WCAG 2 A/AA violation`, async ({ page }) => {
    test.setTimeout(300_000);
    await signIn(page, email);
    const paths: string[] = [];
    for (const route of routes) {
      if (typeof route === "string") paths.push(route);
      else {
        const found = await firstLink(page, route.from, route.link);
        if (found) paths.push(found);
        else console.warn(`[a11y] ${role}: no link like ${route.link} on ${route.from}; skipped`);
      }
    }
    const findings: Finding[] = [];
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport.size);
      for (const path of paths) {
        for (const f of await scan(page, path)) findings.push({ ...f, page: `${viewport.name} ${f.page}` });
      }
    }
    if (findings.length) console.warn(`[a11y] ${role}:\n${findings.map((f) => `  ${f.page} ${f.rule} (${f.impact}): ${f.help} — ${f.targets.join(" | ")}`).join("\n")}`);
    expect(findings, `axe violations on ${role} pages`).toEqual([]);
  });
}

test("axe: the sign-in page, desktop and phone, has no WCAG 2 A/AA violation", async ({ page }) => {
  const findings: Finding[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport.size);
    findings.push(...(await scan(page, "/sign-in")).map((f) => ({ ...f, page: `${viewport.name} ${f.page}` })));
  }
  expect(findings).toEqual([]);
});

// The money forms in the states a person meets: empty, refused (field errors), confirming, and
// the approval in between. The enterprise is the last of the manager's 无贷户 on the first
// page of the pool, so the money-path spec (which works on the first rows) is not disturbed.
test("axe: the money forms, empty, refused and confirming, desktop and phone", async ({ page }) => {
  test.setTimeout(300_000);
  const findings: Finding[] = [];
  await signIn(page, "manager@shoudai.test");
  await page.goto("/pool?stage=NO_LOAN");
  const link = page.locator("tbody tr td:first-child a").last();
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByTestId("enterprise-name")).toHaveText(name);
  const enterpriseUrl = page.url();

  await page.getByText("申请授信", { exact: true }).click();
  const proposal = page.getByTestId("credit-proposal-form");
  await proposal.getByLabel("授信金额（万元）").fill("５0");
  await expect(proposal.getByTestId("echo-limitWan")).toHaveText("= 50.00 万元 = 500,000.00 元");
  findings.push(...(await scanHere(page, "proposal form")));
  await proposal.getByLabel("授信金额（万元）").fill("1.2.3");
  await proposal.getByRole("button", { name: "提交审批", exact: true }).click();
  // All errors in one round, each field marked, focus on the first.
  await expect(proposal.getByTestId("error-productName")).toHaveText("必填。");
  await expect(proposal.getByTestId("error-limitWan")).toHaveText("请输入金额（万元），如 150 或 1,500.5。");
  await expect(proposal.getByTestId("error-creditCheckHasPriorLoan")).toHaveText("必填。");
  await expect(proposal.getByLabel("产品名称")).toBeFocused();
  await expect(proposal.getByLabel("授信金额（万元）")).toHaveAttribute("aria-invalid", "true");
  findings.push(...(await scanHere(page, "proposal form with errors")));
  await proposal.getByLabel("产品名称").fill("无障碍检查贷");
  await expect(proposal.getByTestId("char-counter").first()).toHaveText("还可输入 54 字（上限 60 字）");
  await proposal.getByLabel("授信金额（万元）").fill("50");
  await proposal.getByLabel("无贷款记录").check();
  await proposal.getByRole("button", { name: "提交审批", exact: true }).click();
  await expect(page.getByTestId("pending-banner")).toContainText("无障碍检查贷");
  findings.push(...(await scanHere(page, "enterprise with a pending proposal")));

  await signOut(page);
  await signIn(page, "head@shoudai.test");
  await page.goto("/approvals");
  findings.push(...(await scanHere(page, "/approvals with a pending proposal")));
  await page.getByTestId("approval-row").filter({ hasText: name }).getByRole("link", { name: "审批" }).click();
  await page.getByRole("button", { name: "提交审批结论" }).click();
  await expect(page.getByTestId("error-decision")).toHaveText("请选择批准或拒绝。");
  findings.push(...(await scanHere(page, "decision form with an error")));
  await page.getByLabel("批准").check();
  await page.getByRole("button", { name: "提交审批结论" }).click();
  await expect(page.getByTestId("decision-confirm")).toContainText(name);
  findings.push(...(await scanHere(page, "decision confirmation")));
  await page.getByRole("button", { name: "确认批准" }).click();
  // The action revalidates the page, which then shows the decision on record in place of the form.
  await expect(page.getByTestId("decision-result")).toContainText("已批准");
  findings.push(...(await scanHere(page, "decision result")));

  await signOut(page);
  await signIn(page, "manager@shoudai.test");
  await page.goto(enterpriseUrl);
  const disbursement = page.getByTestId("credit-line").first().getByTestId("disbursement-form");
  await disbursement.getByRole("button", { name: "核对放款" }).click();
  await expect(disbursement.getByTestId("error-amountWan")).toHaveText("必填。");
  findings.push(...(await scanHere(page, "disbursement form with an error")));
  await disbursement.getByLabel("放款金额（万元）").fill("10");
  await disbursement.getByRole("button", { name: "核对放款" }).click();
  await expect(disbursement.getByTestId("disbursement-confirm")).toContainText("10.00 万元（100,000.00 元）");
  findings.push(...(await scanHere(page, "disbursement confirmation")));
  // Nothing is recorded: back to the fields.
  await disbursement.getByRole("button", { name: "返回修改" }).click();

  if (findings.length) console.warn(`[a11y] money forms:\n${findings.map((f) => `  ${f.page} ${f.rule} (${f.impact}): ${f.help} — ${f.targets.join(" | ")}`).join("\n")}`);
  expect(findings).toEqual([]);
});
