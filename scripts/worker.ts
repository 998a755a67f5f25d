// The job worker process (pg-boss): list imports today, schedules and notices later. Runs
// beside the web server: `npm run dev` and `npm start` start it; `npm run worker` alone.
import { startWorker } from "@/lib/jobs/worker";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(2);
}
const worker = await startWorker(url, {
  leaseSeconds: process.env.IMPORT_LEASE_SECONDS ? Number(process.env.IMPORT_LEASE_SECONDS) : undefined,
  sweepMs: process.env.WORKER_SWEEP_MS ? Number(process.env.WORKER_SWEEP_MS) : undefined,
});
console.log(`[worker] ${process.pid} working the job queue`);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    worker.stop().then(() => process.exit(0), () => process.exit(1));
  });
}
