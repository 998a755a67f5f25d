// npm test: unit + integration (vitest) against a real PostgreSQL, then end-to-end
// (Playwright, real Chromium) against `next start`. Starts a throw-away embedded PostgreSQL
// unless DATABASE_URL is set (then its server is used, for local databases only), and prints
// one closing line "N passed, N failed".
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, tempDataDir, type RunningPostgres } from "./db/embedded";
import { prepareDatabase } from "./db/prepare";
import { resolveE2eBrowser } from "./e2e-browser";

const args = new Set(process.argv.slice(2));
const runUnit = !args.has("--e2e-only");
const runE2e = !args.has("--no-e2e");

function run(command: string, argv: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function recreateDatabase(serverUrl: URL, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl.toString());
  url.pathname = `/${name}`;
  return url.toString();
}

let embedded: RunningPostgres | null = null;
let serverUrl: URL;
if (process.env.DATABASE_URL) {
  serverUrl = new URL(process.env.DATABASE_URL);
  // Tests drop and create databases: never against anything but this machine.
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(serverUrl.hostname)) {
    console.error(`Refusing to run tests against a non-local database (${serverUrl.hostname}).`);
    process.exit(2);
  }
  serverUrl.pathname = "/postgres";
} else {
  embedded = await startEmbeddedPostgres({ dataDir: tempDataDir("test"), persistent: false, quiet: true });
  serverUrl = new URL(embedded.url("postgres"));
  console.log(`test PostgreSQL (embedded) on port ${embedded.port}`);
}

const reportDir = path.join(os.tmpdir(), `shoudai-test-${process.pid}`);
const vitestJson = path.join(reportDir, "vitest.json");
const playwrightJson = path.join(reportDir, "playwright.json");
const common = { NEXT_TELEMETRY_DISABLED: "1", AUTH_SECRET: randomBytes(32).toString("base64url"), AUTH_TRUST_HOST: "true", TZ: "UTC" };
// The e2e seed seals the demo TOTP secrets with the AUTH_SECRET the servers will use.
process.env.AUTH_SECRET = common.AUTH_SECRET;
let exitCode = 0;
try {
  if (runUnit) {
    // Static checks first: ESLint (Next's rules) and the type checker.
    for (const [name, argv] of [["eslint", ["eslint", "."]], ["tsc", ["tsc", "--noEmit"]]] as const) {
      const code = await run("npx", [...argv], common);
      if (code !== 0) console.error(`${name} failed`);
      exitCode ||= code;
    }
    const itUrl = await recreateDatabase(serverUrl, "shoudai_it");
    await prepareDatabase(itUrl, { seed: false });
    const code = await run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`], { ...common, DATABASE_URL: itUrl });
    exitCode ||= code;
  }
  if (runE2e) {
    const e2eUrl = await recreateDatabase(serverUrl, "shoudai_e2e");
    await prepareDatabase(e2eUrl, { seed: true });
    const build = await run("npx", ["next", "build"], { ...common, DATABASE_URL: e2eUrl });
    if (build !== 0) {
      console.error("next build failed");
      exitCode ||= build;
    } else {
      const browser = await resolveE2eBrowser();
      console.log(`end-to-end browser: ${browser.path} (${browser.source})`);
      const code = await run("npx", ["playwright", "test"], { ...common, DATABASE_URL: e2eUrl, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson, CHROMIUM_PATH: browser.path });
      exitCode ||= code;
    }
  }
} finally {
  if (embedded) await embedded.stop().catch(() => {});
}

// One closing line for people and CI: totals over both runners.
let passed = 0;
let failed = 0;
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, "utf8")) as { numPassedTests: number; numFailedTests: number };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}
if (existsSync(playwrightJson)) {
  const report = JSON.parse(readFileSync(playwrightJson, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
}
rmSync(reportDir, { recursive: true, force: true });
if (exitCode !== 0 && failed === 0) failed = 1; // a runner or build failed before counting
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode);
