// Which Chromium the end-to-end tests drive, so `npm install && npm test` passes on a machine
// with none installed (issue 13). In order of preference:
//   1. CHROMIUM_PATH, when it names an executable file;
//   2. a system Chromium or Chrome on the PATH (Debian's `chromium`, which .ci/run installs);
//   3. Playwright's own downloaded browser (`npx playwright install chromium`), when present;
//   4. the Chromium that ships inside the npm package @sparticuz/chromium (a devDependency:
//      no system libraries needed; unpacked once into the temp directory, ~6 s).
// scripts/test.ts prints the choice and hands it to Playwright as CHROMIUM_PATH.
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";

export type E2eBrowser = { path: string; source: "CHROMIUM_PATH" | "system" | "playwright" | "npm (@sparticuz/chromium)" };

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  try {
    const found = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return found && isExecutable(found) ? found : null;
  } catch {
    return null;
  }
}

export async function resolveE2eBrowser(env: NodeJS.ProcessEnv = process.env): Promise<E2eBrowser> {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv && isExecutable(fromEnv)) return { path: fromEnv, source: "CHROMIUM_PATH" };
  if (fromEnv) console.warn(`CHROMIUM_PATH=${fromEnv} is not an executable file: looking elsewhere`);
  for (const name of ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"]) {
    const found = onPath(name);
    if (found) return { path: found, source: "system" };
  }
  try {
    const { chromium } = await import("@playwright/test");
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { path: own, source: "playwright" };
  } catch {
    // Playwright knows no browser of its own here
  }
  const packaged = (await import("@sparticuz/chromium")).default;
  return { path: await packaged.executablePath(), source: "npm (@sparticuz/chromium)" };
}
