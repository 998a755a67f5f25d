import { defineConfig, devices } from "@playwright/test";

// End-to-end tests drive a real Chromium against `next start`: the one scripts/test.ts picked
// (CHROMIUM_PATH, a system Chromium, Playwright's own, or the npm-packaged one; see
// scripts/e2e-browser.ts). scripts/test.ts builds the app and provides a freshly
// migrated and seeded database in DATABASE_URL before this runs.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

if (!process.env.DATABASE_URL) throw new Error("Run end-to-end tests through `npm test` (it prepares the database).");

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json"]],
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      // --no-zygote: the npm-packaged Chromium (scripts/e2e-browser.ts) needs it; harmless for the others.
      args: ["--no-sandbox", "--no-zygote", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    command: `node scripts/start.mjs -H 127.0.0.1 -p ${PORT}`,
    url: `${baseURL}/sign-in`,
    // Never reuse a stale server from an earlier run (it would test old code or another database).
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
