// A worker process killed (SIGKILL) in the middle of an import: its transaction dies with
// it, the batch's lease runs out, the next worker's sweep queues it again and the import runs
// from the first row. Afterwards: 0 rows lost, 0 rows twice.
import { spawn, type ChildProcess } from "node:child_process";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createListImport } from "@/lib/commands/create-list-import";
import { listCsv, expectedOutcome, type ListFileSpec } from "@/prisma/seed/list-file";
import { buildWorld, type World } from "../support/world";

const workers: ChildProcess[] = [];
/** What the workers wrote (shown when the test times out: a worker that died says why here). */
let workerOutput = "";

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    env: { ...process.env, IMPORT_LEASE_SECONDS: "5", WORKER_SWEEP_MS: "500" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    workerOutput = (workerOutput + chunk.toString()).slice(-4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.on("exit", (code, signal) => keep(Buffer.from(`\n[worker ${child.pid} exited: ${signal ?? code}]\n`)));
  workers.push(child);
  return child;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the workers said:\n${workerOutput}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});
afterAll(() => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
});

describe("a worker killed mid-import", () => {
  it("is taken over by the next worker: every row arrives exactly once", { timeout: 180_000 }, async () => {
    const spec: ListFileSpec = { rows: 30_000, seqBase: 1_100_000_000 + (parseInt(world.tag, 16) % 10_000) * 100_000, invalidEvery: 101, duplicateEvery: 97 };
    const expected = expectedOutcome(spec, () => false);
    const first = startWorker();
    const regulator = await world.actor("regulator");
    const { batchId } = await createListImport(regulator, async (onFile) => {
      await onFile({ fileName: "kill.csv", stream: Readable.from((function* () { for (const t of listCsv(spec)) yield Buffer.from(t); })()) });
      return { listType: "BANKS_VISIT_ENTERPRISES", name: `中断测试${world.tag}` };
    });

    // Kill it once it is visibly reading rows.
    await waitFor("the first worker to read rows", async () => {
      const b = await db.listBatch.findUniqueOrThrow({ where: { id: batchId }, select: { status: true, rowsRead: true } });
      return b.status === "RUNNING" && b.rowsRead > 0;
    });
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    // Killed before it finished (while reading rows, or in the merge after the last one).
    const killed = await db.listBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(killed.status).toBe("RUNNING");
    // Nothing of the dead attempt is left.
    expect(await db.listBatchRow.count({ where: { batchId } })).toBe(0);
    expect(await db.listMembership.count({ where: { batchId } })).toBe(0);

    startWorker();
    const done = await waitFor("the batch to finish", async () => {
      const b = await db.listBatch.findUniqueOrThrow({ where: { id: batchId } });
      return b.status === "DONE" ? b : null;
    });
    // Taken over (a slow machine may even lose a lease once more: attempts only restart).
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect({ rows: done.rowsRead, rejected: done.rejected, accepted: done.accepted, newEnterprises: done.newEnterprises, membershipsAdded: done.membershipsAdded })
      .toEqual({ rows: expected.rows, rejected: expected.rejected, accepted: expected.accepted, newEnterprises: expected.accepted, membershipsAdded: expected.accepted });
    // 0 lost, 0 twice: one registry row per accepted USCC, one membership each, every line once.
    const [counted] = await db.$queryRaw<{ enterprises: number; distinct: number }[]>`
      SELECT count(e.id)::int AS enterprises, count(DISTINCT r.uscc)::int AS distinct
        FROM list_batch_rows r JOIN enterprises e ON e.uscc = r.uscc::char(18)
       WHERE r.batch_id = ${batchId}::uuid AND NOT r.is_rejected`;
    expect(counted).toEqual({ enterprises: expected.accepted, distinct: expected.accepted });
    expect(await db.listMembership.count({ where: { batchId } })).toBe(expected.accepted);
    expect(await db.listBatchRow.count({ where: { batchId, lineNo: { gt: 0 } } })).toBe(spec.rows);
  });
});
