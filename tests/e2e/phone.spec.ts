import { devices, expect, test } from "@playwright/test";
import { signIn } from "./support";

// Account managers log visits on a phone, on site.
test.use({ ...devices["Pixel 7"] });

test("on a phone, a manager logs a visit with no need and its reason", async ({ page }) => {
  await signIn(page, "manager@shoudai.test");
  await page.goto("/pool?stage=NO_LOAN");
  // On a phone the pool is a card list (the table is for wider screens).
  await expect(page.getByTestId("pool-table")).toBeHidden();
  await page.getByTestId("pool-card").first().getByRole("link").click();
  await expect(page.getByTestId("enterprise-name")).toBeVisible();

  const save = page.getByRole("button", { name: "保存走访" });
  await save.scrollIntoViewIfNeeded();
  const box = await save.boundingBox();
  // A thumb-sized button that fits the screen.
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.width).toBeLessThanOrEqual(page.viewportSize()!.width);

  await page.getByLabel("暂无需求").check();
  await save.click();
  await expect(page.getByTestId("error-noNeedReason")).toHaveText("必填。");
  await page.getByLabel("无需求原因").selectOption("OWN_FUNDS_ENOUGH");
  await page.getByLabel("走访记录").fill("老板表示今年订单稳定，自有资金够用，明年扩产时再联系。");
  await save.click();
  await expect(page.getByRole("status")).toHaveText("走访已登记。");
  await expect(page.getByTestId("timeline")).toContainText("暂无融资需求（自有资金充足）");
  // An on-site visit counts as visited even without a need.
  await expect(page.getByTestId("stage").first()).toHaveText("已走访");
});
