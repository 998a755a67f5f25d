// npm run bench:cluster [-- --duration 60] [--warmup 20] [--scale 1] [--rate 25] [--readers 8] [--no-build] [--sizes-only]
//
// Several nodes on this machine (issue 14): a primary and one streaming replica of it
// (scripts/db/replica.ts), and two app processes (`npm start`: scripts/start.mjs, one
// `next start` worker each, no job worker) that the load generator uses round robin, as a load
// balancer would. Mixed load for --duration seconds, twice in one run — the app without
// DATABASE_REPLICA_URLS, then with it:
//   - managers log visits through the real server action (logVisitAction, the same POST the
//     visit form makes), open loop at --rate per second (default 25; the issue asks ≥ 20);
//   - regulators and bank heads (head offices, branch heads) load their dashboards, closed
//     loop with --readers concurrent readers.
// Prints write p95, read p95 and requests/s for both phases, the replica's largest lag seen
// by /api/ready during the load, and how many writes came back with the read-your-writes
// cookie. Database: a throw-away embedded cluster loaded with the zhejiang-2020 scenario at
// --scale (default 1); its table sizes are printed first (--sizes-only: only those). Builds the
// app first (next build) unless --no-build.
// Everything shares this machine's cores: the figures show the mechanism and its overhead,
// not the capacity a replica on its own machine adds.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { encodeSession as encode } from "@/lib/auth/session-token";
import { PROGRAMME } from "@/prisma/seed/scenario/targets";
import { freePort, startEmbeddedPostgres, tempDataDir, type RunningPostgres } from "../db/embedded";
import { loadScenarioDatabase } from "../db/scenario-db";
import { percentile } from "./measure";
import { startStreamingReplica, type RunningReplica } from "../db/replica";

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const DURATION = option("duration", 60);
const WARMUP = option("warmup", 20);
const SCALE = option("scale", 1);
const RATE = option("rate", 25);
const READERS = option("readers", 8);
const PORTS = [option("port", 0), option("port2", 0)];
const COOKIE = "authjs.session-token";
const REGULATOR_PATH = `/regulator?period=range&from=${PROGRAMME.from}&to=${PROGRAMME.to}&ningbo=exclude`;

type Session = { userId: string; cookie: string };
type Manager = Session & { enterprises: string[] };
type Reader = Session & { role: string; path: string };
type Node = { base: string; process: ChildProcess };
type Sample = { ms: number; ok: boolean };

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

let firstFailure: string | null = null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** The id Next gave logVisitAction in this build (the visit form posts it in Next-Action). */
function logVisitActionId(): string {
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    const names = JSON.stringify(entry);
    if ((entry.exportedName === "logVisitAction" || names.includes("logVisitAction")) && names.includes("enterprises")) return id;
  }
  throw new Error("logVisitAction not found in .next/server/server-reference-manifest.json (build first)");
}

async function prepareUsers(url: string, secret: string): Promise<{ managers: Manager[]; readers: Reader[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const pickUsers = async (role: string, limit: number) =>
      (await client.query<{ id: string }>(
        `SELECT u.id::text FROM users u WHERE u.role = $1 AND u.is_active
          ${role === "ACCOUNT_MANAGER" ? "AND EXISTS (SELECT 1 FROM bank_clients c WHERE c.manager_id = u.id)" : ""}
          ORDER BY u.email LIMIT $2`,
        [role, limit],
      )).rows.map((r) => r.id);
    const managers = await pickUsers("ACCOUNT_MANAGER", 40);
    const heads = await pickUsers("BANK_HEAD_OFFICE", 5);
    const branchHeads = await pickUsers("BRANCH_HEAD", 10);
    const regulators = await pickUsers("REGULATOR", 3);
    const everyone = [...managers, ...heads, ...branchHeads, ...regulators];
    // Signed in as the sign-in would leave them: second factor enrolled, no password change due.
    await client.query("UPDATE users SET totp_enabled_at = coalesce(totp_enabled_at, now()), must_change_password = false WHERE id = ANY($1::uuid[])", [everyone]);
    const session = async (userId: string): Promise<Session> => {
      const { rows } = await client.query<{ id: string }>("INSERT INTO user_sessions (user_id, expires_at) VALUES ($1, now() + interval '8 hours') RETURNING id::text", [userId]);
      const token = await encode({ token: { sub: userId, sid: rows[0]!.id }, secret, salt: COOKIE, maxAge: 8 * 3600 });
      return { userId, cookie: `${COOKIE}=${token}` };
    };
    const withEnterprises: Manager[] = [];
    for (const id of managers) {
      const { rows } = await client.query<{ id: string }>("SELECT enterprise_id::text AS id FROM bank_clients WHERE manager_id = $1 ORDER BY enterprise_id LIMIT 25", [id]);
      withEnterprises.push({ ...(await session(id)), enterprises: rows.map((r) => r.id) });
    }
    const readers: Reader[] = [];
    for (const id of regulators) readers.push({ ...(await session(id)), role: "regulator", path: REGULATOR_PATH });
    for (const id of heads) readers.push({ ...(await session(id)), role: "head office", path: `/dashboard?period=range&from=${PROGRAMME.from}&to=${PROGRAMME.to}` });
    for (const id of branchHeads) readers.push({ ...(await session(id)), role: "branch head", path: `/dashboard?period=range&from=${PROGRAMME.from}&to=${PROGRAMME.to}` });
    if (!withEnterprises.length || !readers.length) throw new Error("the scenario has no managers with clients or no regulators/heads");
    return { managers: withEnterprises, readers };
  } finally {
    await client.end();
  }
}

/** What grows with what (docs/scale.md): rows and on-disk size per table, and the rollups' key spread. */
async function printSizes(client: pg.Client): Promise<void> {
  const tables = ["enterprises", "list_memberships", "bank_clients", "visits", "credit_lines", "disbursements", "stage_events", "audit_logs",
    "rollup_enterprise_facts", "rollup_client_facts", "rollup_region_daily", "rollup_bank_daily", "rollup_region_monthly", "rollup_bank_monthly", "coverage_facts", "coverage_counts"];
  console.log("table sizes after the load:");
  for (const table of tables) {
    const { rows } = await client.query<{ n: string; size: string }>(`SELECT count(*)::text AS n, pg_size_pretty(pg_total_relation_size('${table}')) AS size FROM "${table}"`);
    console.log(`  ${table.padEnd(24)} ${rows[0]!.n.padStart(10)} rows ${rows[0]!.size.padStart(9)}`);
  }
  const { rows } = await client.query<Record<string, string>>(`
    SELECT count(DISTINCT day)::text AS days, count(DISTINCT county_code)::text AS counties, count(DISTINCT bank_id)::text AS banks,
           count(DISTINCT (bank_id, branch_key))::text AS branches, count(DISTINCT (bank_id, manager_key))::text AS managers
      FROM rollup_bank_daily`);
  console.log(`  rollup_bank_daily spans ${rows[0]!.days} days × ${rows[0]!.counties} counties × ${rows[0]!.banks} banks (${rows[0]!.branches} branch keys, ${rows[0]!.managers} manager keys)`);
}

async function startNode(port: number, env: NodeJS.ProcessEnv): Promise<Node> {
  const child = spawn(process.execPath, ["scripts/start.mjs", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...env, WEB_CONCURRENCY: "1", WORKER: "0" },
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, process: child };
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`node on port ${port} did not start`);
}

function stopNode(node: Node): Promise<void> {
  return new Promise((resolve) => {
    if (!node.process.pid || node.process.exitCode !== null) return resolve();
    node.process.once("exit", () => resolve());
    try {
      process.kill(-node.process.pid, "SIGTERM"); // the launcher and its next start worker
    } catch {
      resolve();
    }
    setTimeout(resolve, 15_000).unref();
  });
}

type Phase = { name: string; writes: Sample[]; reads: Sample[]; seconds: number; rywCookies: number; maxLag: number | null; readsOn: Set<string> };

async function mixedLoad(nodes: Node[], actionId: string, managers: Manager[], readers: Reader[], seconds: number, phase: Phase | null): Promise<void> {
  let rr = 0;
  const nextNode = () => nodes[rr++ % nodes.length]!;
  const until = Date.now() + seconds * 1000;
  const today = new Date().toISOString().slice(0, 10);

  const visit = async (): Promise<void> => {
    const manager = pick(managers);
    const enterpriseId = pick(manager.enterprises);
    const node = nextNode();
    // What React's encodeReply makes of logVisitAction(null, formData): the form's fields as
    // part 1 (React 19.3 prefixes them "_1_"), then the arguments as part 0 — in that order,
    // the server reads referenced parts in sequence.
    const body = new FormData();
    for (const [k, v] of Object.entries({ enterpriseId, visitedOn: today, mode: "ON_SITE", hasNeed: "no", noNeedReason: "NO_NEED_NOW" })) body.append(`_1_${k}`, v);
    body.append("0", JSON.stringify([null, "$K1"]));
    const t0 = performance.now();
    let ok = false;
    try {
      const response = await fetch(`${node.base}/enterprises/${enterpriseId}`, {
        method: "POST",
        body,
        headers: { cookie: manager.cookie, "Next-Action": actionId, Accept: "text/x-component", Origin: node.base },
        redirect: "manual",
      });
      const text = await response.text();
      ok = response.status === 200 && text.includes('"ok":true');
      if (!ok && !firstFailure) {
        firstFailure = `HTTP ${response.status}: ${text.slice(0, 300)}`;
        console.error(`first failed visit: ${firstFailure}`);
      }
      if (ok && phase && (response.headers.get("set-cookie") ?? "").includes("shoudai-rw=")) phase.rywCookies++;
    } catch {
      ok = false;
    }
    phase?.writes.push({ ms: performance.now() - t0, ok });
  };

  const writer = async (): Promise<void> => {
    // Open loop: one visit every 1000/RATE ms whatever the answers take (at most 64 in flight).
    const inFlight = new Set<Promise<void>>();
    const interval = 1000 / RATE;
    let next = performance.now();
    while (Date.now() < until) {
      if (inFlight.size < 64) {
        const p = visit().finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      next += interval;
      await sleep(Math.max(0, next - performance.now()));
    }
    await Promise.all(inFlight);
  };

  const reader = async (): Promise<void> => {
    while (Date.now() < until) {
      const who = pick(readers);
      const node = nextNode();
      const t0 = performance.now();
      let ok = false;
      try {
        const response = await fetch(node.base + who.path, { headers: { cookie: who.cookie }, redirect: "manual" });
        await response.arrayBuffer();
        ok = response.status === 200;
      } catch {
        ok = false;
      }
      phase?.reads.push({ ms: performance.now() - t0, ok });
    }
  };

  const watcher = async (): Promise<void> => {
    while (Date.now() < until && phase) {
      for (const node of nodes) {
        try {
          const ready = (await (await fetch(`${node.base}/api/ready`)).json()) as { reads?: string; replicas?: { lagSeconds: number | null }[] };
          if (ready.reads) phase.readsOn.add(ready.reads);
          for (const r of ready.replicas ?? []) if (r.lagSeconds !== null) phase.maxLag = Math.max(phase.maxLag ?? 0, r.lagSeconds);
        } catch {
          // counted by the readers
        }
      }
      await sleep(2000);
    }
  };

  await Promise.all([writer(), watcher(), ...Array.from({ length: READERS }, reader)]);
}

async function main(): Promise<void> {
  let primary: RunningPostgres | null = null;
  let replica: RunningReplica | null = null;
  const nodes: Node[] = [];
  try {
    primary = await startEmbeddedPostgres({ dataDir: tempDataDir("bench-cluster"), persistent: false, quiet: true });
    await primary.createDatabase("bench_cluster");
    const url = primary.url("bench_cluster");
    console.log(`scenario zhejiang-2020 (scale ${SCALE}) loaded in ${(await loadScenarioDatabase(url, SCALE)).toFixed(1)} s`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("VACUUM ANALYZE");
    await printSizes(client);
    await client.end();
    if (argv.includes("--sizes-only")) return;

    const secret = randomBytes(32).toString("base64url");
    const { managers, readers } = await prepareUsers(url, secret);

    const started = Date.now();
    replica = await startStreamingReplica(primary, { dataDir: tempDataDir("bench-cluster-replica"), quiet: true });
    console.log(`streaming replica made from a live copy and started in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, AUTH_SECRET: secret, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
    delete env.DATABASE_REPLICA_URLS;
    if (!argv.includes("--no-build")) {
      const code = await run("npx", ["next", "build"], env);
      if (code !== 0) throw new Error("next build failed");
    }
    const actionId = logVisitActionId();
    const ports = [PORTS[0] || (await freePort()), PORTS[1] || (await freePort())];

    const phases: Phase[] = [];
    for (const withReplica of [false, true]) {
      const phaseEnv = withReplica ? { ...env, DATABASE_REPLICA_URLS: replica.url("bench_cluster") } : env;
      for (const port of ports) nodes.push(await startNode(port, phaseEnv));
      if (withReplica) {
        // Both nodes have checked the replica and route reads to it.
        for (const node of nodes) {
          for (let i = 0; i < 50; i++) {
            const ready = (await (await fetch(`${node.base}/api/ready`)).json()) as { reads?: string };
            if (ready.reads === "replicas") break;
            await sleep(200);
          }
        }
      }
      const name = withReplica ? "primary + 1 replica" : "primary only";
      console.log(`${name}: 2 app nodes on ports ${ports.join(", ")}; warming up ${WARMUP} s…`);
      await mixedLoad(nodes, actionId, managers, readers, WARMUP, null);
      const phase: Phase = { name, writes: [], reads: [], seconds: DURATION, rywCookies: 0, maxLag: null, readsOn: new Set() };
      await mixedLoad(nodes, actionId, managers, readers, DURATION, phase);
      phases.push(phase);
      await Promise.all(nodes.splice(0).map(stopNode));
    }

    const load = os.loadavg().map((l) => l.toFixed(2)).join(", ");
    console.log(`\nmixed load, ${DURATION} s per phase, 2 app nodes (1 next start worker each), ${RATE} visits/s offered, ${READERS} dashboard readers, ${os.availableParallelism()} cores shared by everything (load average ${load}):`);
    for (const p of phases) {
      const okWrites = p.writes.filter((s) => s.ok);
      const okReads = p.reads.filter((s) => s.ok);
      const writeMs = okWrites.map((s) => s.ms).sort((a, b) => a - b);
      const readMs = okReads.map((s) => s.ms).sort((a, b) => a - b);
      console.log(`  ${p.name}:`);
      console.log(`    writes (log a visit): ${(okWrites.length / p.seconds).toFixed(1)}/s, p50 ${percentile(writeMs, 50).toFixed(0)} ms, p95 ${percentile(writeMs, 95).toFixed(0)} ms, failed ${p.writes.length - okWrites.length}`);
      console.log(`    reads (dashboards):   ${(okReads.length / p.seconds).toFixed(1)}/s, p50 ${percentile(readMs, 50).toFixed(0)} ms, p95 ${percentile(readMs, 95).toFixed(0)} ms, failed ${p.reads.length - okReads.length}`);
      console.log(`    all requests: ${((okWrites.length + okReads.length) / p.seconds).toFixed(1)} req/s; /api/ready said reads on: ${[...p.readsOn].join(", ") || "?"}` +
        (p.maxLag !== null ? `; largest replica lag seen ${p.maxLag.toFixed(3)} s; writes answered with the read-your-writes cookie ${p.rywCookies}/${okWrites.length}` : ""));
    }
  } finally {
    await Promise.all(nodes.map(stopNode));
    await replica?.destroy().catch(() => {});
    await primary?.stop().catch(() => {});
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
