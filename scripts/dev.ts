// npm run dev: a seeded, usable app with no other setup. Starts the embedded PostgreSQL
// (data under .data/, git-ignored) unless DATABASE_URL is set, applies migrations, loads
// reference data, seeds the demo province into an empty database, then runs `next dev`.
import { spawn } from "node:child_process";
import { startEmbeddedPostgres, type RunningPostgres } from "./db/embedded";
import { DEV_PG, devAuthSecret } from "./db/dev-db";
import { prepareDatabase } from "./db/prepare";

let embedded: RunningPostgres | null = null;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  embedded = await startEmbeddedPostgres({ dataDir: DEV_PG.dataDir, port: DEV_PG.port, persistent: true });
  await embedded.createDatabase(DEV_PG.database);
  databaseUrl = embedded.url(DEV_PG.database);
  console.log(`embedded PostgreSQL on port ${embedded.port} (data in ${DEV_PG.dataDir})`);
}
// Before the seed: it seals the demo TOTP secret with this key (lib/auth/totp.ts).
process.env.AUTH_SECRET = devAuthSecret();
await prepareDatabase(databaseUrl, { seed: true });

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: process.env.AUTH_SECRET,
  AUTH_TRUST_HOST: "true",
  NEXT_TELEMETRY_DISABLED: "1",
};
const child = spawn("npx", ["next", "dev", ...process.argv.slice(2)], { stdio: "inherit", env });
// The job worker (list imports, schedules) beside the dev server.
const worker = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], { stdio: "inherit", env });

let isStopping = false;
async function stop(code: number) {
  if (isStopping) return;
  isStopping = true;
  if (!child.killed) child.kill("SIGTERM");
  if (!worker.killed) worker.kill("SIGTERM");
  if (embedded) await embedded.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
child.on("exit", (code) => void stop(code ?? 0));
