// npm run bench:http [-- --duration 20] [--warmup 30] [--connections 10] [--workers N] [--no-build]
//
// Load-tests the regulator's province page (the article's period, excluding Ningbo) served by
// the production server (`npm start`: scripts/start.mjs, `next start` workers, one per core
// unless --workers) on 127.0.0.1 only, with autocannon, and prints requests/s and latency
// p50/p95. autocannon runs on the same machine and takes its share of the cores.
// Database: DATABASE_URL with the zhejiang-2020 scenario loaded (npm run seed:scenario), or,
// without it, a throw-away embedded PostgreSQL loaded with the scenario at scale 1. Builds the
// app first (next build) unless --no-build. The session cookie is minted with the app's own
// AUTH_SECRET (a signed-in regulator, as the browser would send it). Prints figures only.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import autocannon from "autocannon";
import { encodeSession as encode } from "@/lib/auth/session-token";
import pg from "pg";
import { PROGRAMME } from "@/prisma/seed/scenario/targets";
import { freePort, startEmbeddedPostgres, tempDataDir, type RunningPostgres } from "../db/embedded";
import { loadScenarioDatabase } from "../db/scenario-db";
import { percentile } from "./measure";

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const DURATION = option("duration", 20);
const CONNECTIONS = option("connections", 10);
// V8 keeps optimising React's and Next's hot paths for tens of seconds under load: measured
// on a long-running server, 8 s of warm-up left it ~15-35 % below its steady rate.
const WARMUP = option("warmup", 30);
const WORKERS = option("workers", 0);
const PATH = `/regulator?period=range&from=${PROGRAMME.from}&to=${PROGRAMME.to}&ningbo=exclude`;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not start: ${url}`);
}

async function main(): Promise<void> {
  let cluster: RunningPostgres | null = null;
  let server: ChildProcess | null = null;
  try {
    let url = process.env.DATABASE_URL;
    if (!url) {
      cluster = await startEmbeddedPostgres({ dataDir: tempDataDir("bench-http"), persistent: false, quiet: true });
      await cluster.createDatabase("bench_http");
      url = cluster.url("bench_http");
      console.log(`scenario zhejiang-2020 (scale 1) loaded in ${(await loadScenarioDatabase(url, 1)).toFixed(1)} s`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      // A fresh bulk load makes autovacuum visit every new table; let that happen now rather
      // than on the cores during the measurement.
      const vacuumStarted = Date.now();
      await client.query("VACUUM");
      await client.end();
      console.log(`VACUUM after the load: ${((Date.now() - vacuumStarted) / 1000).toFixed(1)} s`);
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ id: string }>("SELECT id FROM users WHERE email = 'regulator@shoudai.test' AND role = 'REGULATOR'");
    if (!rows[0]) throw new Error("No regulator@shoudai.test in this database: load the scenario first (npm run seed:scenario).");
    // A sign-in session as the sign-in would make it (lib/auth/sessions.ts); the regulator counts
    // as enrolled in two-factor sign-in, which regulators must be before any page opens.
    await client.query("UPDATE users SET totp_enabled_at = coalesce(totp_enabled_at, now()) WHERE id = $1", [rows[0].id]);
    const session = await client.query<{ id: string }>("INSERT INTO user_sessions (user_id, expires_at) VALUES ($1, now() + interval '8 hours') RETURNING id::text", [rows[0].id]);
    await client.end();

    const secret = randomBytes(32).toString("base64url");
    const env = { ...process.env, DATABASE_URL: url, AUTH_SECRET: secret, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const };
    if (!argv.includes("--no-build")) {
      const code = await run("npx", ["next", "build"], env);
      if (code !== 0) throw new Error("next build failed");
    }
    const port = await freePort();
    const serverEnv = WORKERS > 0 ? { ...env, WEB_CONCURRENCY: String(WORKERS) } : env;
    server = spawn(process.execPath, ["scripts/start.mjs", "-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "ignore", "inherit"], env: serverEnv, detached: true });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/sign-in`, 60_000);

    // The session cookie the sign-in would set: a JWT carrying the user and session ids (lib/auth/config.ts).
    const cookieName = "authjs.session-token";
    const token = await encode({ token: { sub: rows[0].id, sid: session.rows[0]!.id }, secret, salt: cookieName, maxAge: 3600 });
    const headers = { cookie: `${cookieName}=${token}` };
    const check = await fetch(base + PATH, { headers });
    const html = await check.text();
    if (check.status !== 200 || !html.includes("rollup-table-city")) throw new Error(`the page did not render for the regulator (HTTP ${check.status})`);
    console.log(`GET ${PATH}: ${(html.length / 1024).toFixed(0)} KiB of HTML; warming up…`);
    // Every worker compiles its hot paths on first use: warm them all before measuring.
    const warm = await autocannon({ url: base + PATH, headers, connections: CONNECTIONS, duration: WARMUP });
    console.log(`warm-up: ${WARMUP} s at ${warm.requests.average.toFixed(1)} req/s`);

    const latencies: number[] = [];
    const instance = autocannon({ url: base + PATH, headers, connections: CONNECTIONS, duration: DURATION });
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
    const result = await instance;
    latencies.sort((a, b) => a - b);
    console.log(`\nregulator province page, ${WORKERS || os.availableParallelism()} server worker(s), ${CONNECTIONS} connections for ${DURATION} s on 127.0.0.1 (${os.availableParallelism()} cores):`);
    console.log(`  requests/s: ${result.requests.average.toFixed(1)} (total ${result.requests.total}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
    console.log(`  latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${result.latency.max}`);
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM"); // the launcher and its next start workers
      } catch {
        // already gone
      }
    }
    await cluster?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
