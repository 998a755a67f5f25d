// Security headers in a real browser: every page and file carries them, the page's scripts run
// only with this response's CSP nonce (and the app still works under it: sign-in, charts), a
// foreign page cannot frame the sign-in form, redirect targets stay on this site, and malformed
// ids and periods in the address bar are a 404 page, not a 500.
import { expect, test, type APIResponse, type Page, type Response } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support";

type Headers = Record<string, string>;

function headersOf(response: Response | APIResponse | null): Headers {
  expect(response).not.toBeNull();
  return response!.headers();
}

/** The headers every response carries (pages, files, API answers, redirects). */
function expectBaseHeaders(headers: Headers) {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["strict-transport-security"]).toBeUndefined(); // plain http here
}

/** A page's CSP: scripts by nonce only, no framing; returns the nonce. */
function expectPageCsp(headers: Headers): string {
  const csp = headers["content-security-policy"] ?? "";
  const directives: Record<string, string[]> = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  expect(directives["frame-ancestors"]).toEqual(["'none'"]);
  expect(directives["object-src"]).toEqual(["'none'"]);
  const scriptSrc = directives["script-src"] ?? [];
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
  expect(nonce, csp).toBeTruthy();
  return nonce!;
}

/** Collects CSP violations the browser reports on every document of the page. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const fromConsole: string[] = [];
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) fromConsole.push(m.text()); });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

/** Every script element of the document carries the nonce of the response's policy. */
/**
 * Every script the server sent carries this response's nonce. Chunks the framework's runtime
 * adds later (an error boundary's, a lazily loaded chart's) are trusted through 'strict-dynamic'
 * and carry none; watchViolations proves the policy let them run.
 */
async function expectScriptsCarry(response: Response | null, nonce: string) {
  const html = await response!.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  const nonces = tags.map((tag) => /\snonce="([^"]*)"/.exec(tag)?.[1] ?? "");
  expect(new Set(nonces)).toEqual(new Set([nonce]));
}

test("sign-in and a signed-in page: headers, a fresh nonce on every script, and the app works", async ({ page }) => {
  const violations = await watchViolations(page);
  const signInResponse = await page.goto("/sign-in");
  const signInHeaders = headersOf(signInResponse);
  expectBaseHeaders(signInHeaders);
  const signInNonce = expectPageCsp(signInHeaders);
  await expectScriptsCarry(signInResponse, signInNonce);

  // The language switch (a server action, then a redirect back) works under the policy too.
  await page.getByTestId("locale-switch").click();
  await expect(page.getByLabel(/^Password$/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByTestId("locale-switch").click();
  await expect(page.getByLabel(/^密码$/)).toBeVisible();

  // Signing in works under the policy (the form, the server action, the redirect).
  await page.getByLabel(/邮箱|Email/).fill("manager@shoudai.test");
  await page.getByLabel(/^(密码|Password)$/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  const poolResponse = await page.goto("/pool");
  const poolHeaders = headersOf(poolResponse);
  expectBaseHeaders(poolHeaders);
  const poolNonce = expectPageCsp(poolHeaders);
  expect(poolNonce).not.toBe(signInNonce); // one per response
  await expectScriptsCarry(poolResponse, poolNonce);
  // Hydrated: a client-side navigation happens without a full load.
  await page.getByRole("link", { name: /工作台|Dashboard/ }).first().click();
  await expect(page).toHaveURL(/\/dashboard/);
  expect(await violations()).toEqual([]);
});

test("charts (recharts, loaded on demand) render under the policy", async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, "regulator@shoudai.test");
  const response = await page.goto("/regulator");
  expectPageCsp(headersOf(response));
  // Drawn (an svg surface): the drawings are hidden from assistive tech, their data tables are not.
  await expect(page.getByTestId("trend-chart").locator("svg.recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("compare-chart").locator("svg.recharts-surface").first()).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("files, API answers and redirects carry the headers; HSTS only behind https", async ({ page, request }) => {
  await page.goto("/sign-in");
  const scriptUrl = await page.locator("script[src]").first().getAttribute("src");
  expect(scriptUrl).toMatch(/^\/_next\/static\//);
  const script = await request.get(scriptUrl!);
  expect(script.status()).toBe(200);
  expectBaseHeaders(headersOf(script));

  const api = await request.get("/api/v1/rollups/province");
  expect(api.status()).toBe(401);
  expectBaseHeaders(headersOf(api));

  const redirect = await request.get("/pool", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectBaseHeaders(headersOf(redirect));

  // A reverse proxy that terminated TLS says so; then (and only then) HSTS is sent.
  for (const path of ["/sign-in", scriptUrl!]) {
    const behindTls = await request.get(path, { headers: { "X-Forwarded-Proto": "https" } });
    expect(behindTls.headers()["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
  }
});

test("a page of another origin cannot frame the sign-in form", async ({ page, baseURL }) => {
  await page.setContent(`<h1>elsewhere</h1><iframe id="f" src="${baseURL}/sign-in" width="600" height="400"></iframe>`);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame).toBeTruthy();
  await frame!.waitForLoadState("load").catch(() => {});
  await page.waitForTimeout(500);
  // The browser refused to render it: no form fields came through (Chromium shows its error page).
  const fields = await frame!.locator("input[type=password], input[name=email]").count().catch(() => 0);
  expect(fields).toBe(0);
  expect(frame!.url()).not.toContain("/sign-in");
  // Same check the other way round: the sign-in page itself does render the field.
  await page.goto("/sign-in");
  await expect(page.getByLabel(/^(密码|Password)$/)).toBeVisible();
});

test("a redirect target with a backslash stays on this site after sign-in", async ({ page, baseURL }) => {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/\\evil.example/x")}`);
  await page.getByLabel(/邮箱|Email/).fill("manager@shoudai.test");
  await page.getByLabel(/^(密码|Password)$/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

test("malformed ids: the 404 page, never a 500; impossible periods: a message", async ({ page }) => {
  await signIn(page, "manager@shoudai.test");
  const probes = [
    `/enterprises/${"-".repeat(36)}`,
    `/approvals/${"-".repeat(36)}`,
    `/enterprises/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz`,
  ];
  for (const path of probes) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "未找到" }), path).toBeVisible();
  }
  // A period that does not exist is said so on the dashboard, with no figures.
  for (const path of ["/dashboard?period=month&month=9999-12", "/dashboard?period=quarter&quarter=9999-Q4", "/dashboard?period=range&from=2026-05-01&to=2026-03-01"]) {
    await page.goto(path);
    await expect(page.getByTestId("period-error"), path).toContainText("统计期间无效");
    await expect(page.getByTestId("pool-by-stage"), path).toHaveCount(0);
  }
  // The same page with a good period shows the figures.
  expect((await page.goto("/dashboard?period=month&month=2026-03"))?.status()).toBe(200);
  await expect(page.getByTestId("pool-by-stage")).toBeVisible();
  await expect(page.getByTestId("period-error")).toHaveCount(0);

  const exportResponse = await page.request.get("/api/v1/exports/branch-funnel?format=csv&period=month&month=9999-12");
  expect(exportResponse.status()).toBe(400);
  expect(await exportResponse.json()).toMatchObject({ error: "invalid_parameters" });
});
