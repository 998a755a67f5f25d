// The pool in a real browser on the demo seed: a dashboard count opens the pool filtered to
// exactly those clients, a phone shows cards with an overdue follow-up in words, and the
// filtered pool downloads as a file that is audited.
import { readFile } from "node:fs/promises";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { signIn } from "./support";
import { overdueFollowUpForDemoManager } from "./alert-cause";

const digits = (text: string) => Number(text.replace(/[^\d]/g, ""));

test("each count of the branch dashboard opens the pool showing exactly that many clients", async ({ page }) => {
  await signIn(page, "head@shoudai.test");
  await page.goto("/dashboard");
  // A manager row's pool size (the first manager holding clients: other specs hand clients over).
  const links = page.getByTestId("manager-table").locator("tbody a[href^='/pool?manager=']:not([href$='=none'])");
  const counts = (await links.allInnerTexts()).map(digits);
  const at = counts.findIndex((n) => n > 0);
  expect(at, `a manager with clients among ${counts.join(", ")}`).toBeGreaterThanOrEqual(0);
  const managerLink = links.nth(at);
  const managerCount = counts[at]!;
  const managerName = (await managerLink.locator("xpath=ancestor::tr/td[1]").innerText()).trim();
  await managerLink.click();
  await expect(page).toHaveURL(/\/pool\?manager=/);
  await expect(page.getByTestId("pool-total")).toHaveText(`共 ${managerCount.toLocaleString("zh-CN")} 户`);
  await expect(page.getByTestId("pool-chips")).toContainText(managerName);
  // Every row on the page is that manager's.
  const managerCells = page.getByTestId("pool-table").locator("tbody tr td:nth-child(5)");
  for (const text of await managerCells.allInnerTexts()) expect(text).toContain(managerName);

  // An ageing alert.
  await page.goto("/dashboard");
  const ageing = page.getByTestId("ageing-notContacted30");
  const ageingCount = digits(await ageing.innerText());
  await ageing.click();
  await expect(page).toHaveURL(/\/pool\?ageing=notContacted30/);
  await expect(page.getByTestId("pool-total")).toHaveText(`共 ${ageingCount.toLocaleString("zh-CN")} 户`);
  await expect(page.getByTestId("pool-chips")).toContainText("入池超过 30 天未联系");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the pool is a card list; an overdue follow-up says 逾期 in words", async ({ page }) => {
    const { enterpriseName } = await overdueFollowUpForDemoManager();
    await signIn(page, "manager@shoudai.test");
    await page.goto("/pool?followUp=overdue");
    await expect(page.getByTestId("pool-table")).toBeHidden();
    const card = page.getByTestId("pool-card").filter({ hasText: enterpriseName });
    await expect(card).toBeVisible();
    await expect(card.getByTestId("stage")).toBeVisible();
    await expect(card.getByTestId("follow-up-state")).toHaveText(/逾期 \d+ 天/);
    // Not only red: the words are there for a reader who cannot tell the colour.
    await expect(card.getByTestId("follow-up")).toContainText("逾期");
  });
});

test("the filtered pool downloads as CSV, and the download is audited", async ({ page }) => {
  await signIn(page, "head@shoudai.test");
  await page.goto("/pool?sort=nextFollowUp");
  const names = (await page.getByTestId("pool-table").locator("tbody tr td:nth-child(1)").allInnerTexts()).slice(0, 3);
  expect(names.length).toBeGreaterThan(0);
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("pool-export-csv").click();
  const download = await downloadPromise;
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv).toContain("企业名称,统一社会信用代码");
  expect(csv).toContain("法定代表人电话（已遮蔽）");
  // The file starts where the page starts (same filter, same order).
  const firstRows = csv.split("\r\n").filter((l) => names.some((n) => l.startsWith(n)));
  expect(firstRows.length).toBe(names.length);
  expect(csv).not.toMatch(/,1\d{10},/);

  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ after: { table: string; format: string; filters: Record<string, string> } }>(
      `SELECT a.after FROM audit_logs a JOIN users u ON u.id = a.actor_id
        WHERE u.email = 'head@shoudai.test' AND a.action = 'export.download' AND a.entity_id = 'pool' ORDER BY a.at DESC LIMIT 1`,
    );
    expect(rows[0]?.after).toMatchObject({ table: "pool", format: "csv", filters: { sort: "nextFollowUp" } });
  } finally {
    await client.end();
  }
});
