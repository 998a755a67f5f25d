// npm start [-- -H 127.0.0.1 -p 3000]: the production server (after `npm run build`).
//
// `next start` serves from one Node thread; a server render is CPU-bound, so one process
// uses one core. The app keeps no state in the process (sessions, throttles, rate limits,
// jobs, data and the rollup version live in PostgreSQL; lib/rollups/cache.ts only holds
// derived, version-checked figures), so it runs as several identical `next start` workers
// sharing one port through Node's cluster module — and as several such nodes behind a load
// balancer (docs/scale.md). WEB_CONCURRENCY sets the number of workers
// (default: the machine's cores). A worker that dies is replaced.
//
// Each worker gets a larger V8 young generation (--max-semi-space-size=32, MiB): a page
// render allocates a few MiB of short-lived objects, and with the default 16 MiB the
// scavenger ran several times per request (measured: +14 % requests/s on the regulator page).
import { spawn } from "node:child_process";
import cluster from "node:cluster";
import os from "node:os";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || os.availableParallelism());
const args = process.argv.slice(2);

cluster.setupPrimary({
  exec: require.resolve("next/dist/bin/next"),
  args: ["start", ...args],
  execArgv: [...process.execArgv, "--max-semi-space-size=32"],
});

let stopping = false;
for (let i = 0; i < workers; i++) cluster.fork();

// The job worker (pg-boss: list imports, schedules) beside the web workers, replaced when it
// dies. WORKER=0 leaves it out (e.g. when job workers run on their own machines).
let jobWorker = null;
function startJobWorker() {
  jobWorker = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], { stdio: "inherit" });
  jobWorker.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`[start] job worker exited (${signal ?? code}); starting another`);
    setTimeout(startJobWorker, 1000);
  });
}
if (process.env.WORKER !== "0") startJobWorker();
cluster.on("exit", (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  console.error(`[start] worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
  cluster.fork();
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    jobWorker?.kill(signal);
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
console.log(`[start] ${workers} worker(s): next start ${args.join(" ")}`);
