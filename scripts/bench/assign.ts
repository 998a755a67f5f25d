// Bulk distribution at scale: N (BENCH_CLIENTS, default 100,000) clients waiting at one bank's
// head office, generated with generate_series; then, through the commands the forms use:
//   1. head office: "select all N matching" (branch = none) → one branch
//   2. branch head: all N without a manager → an even split over 10 managers
//   3. branch head: hand over one manager's clients to the other 9
//   4. head office: the county rule on a fresh N
// each timed; the first two also as the move's SQL with the rollup triggers deferred, and a
// plain one-column UPDATE of the same rows (the machine's floor at that moment), to show what
// the triggers and the history cost. Each line gives the wall time and, when the server runs on
// this machine, the CPU seconds its processes spent on the step. Needs DATABASE_URL (a migrated
// database of your own: it writes a bench bank).
//   DATABASE_URL=… npx tsx --conditions=react-server scripts/bench/assign.ts
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

const N = Number(process.env.BENCH_CLIENTS ?? 100_000);
if (!process.env.DATABASE_URL) throw new Error("set DATABASE_URL to a migrated database of your own");

const { db } = await import("../../lib/db");
const { loadActor } = await import("../../lib/auth/actor");
const { distributeClients } = await import("../../lib/commands/distribute-clients");
const { assignClients } = await import("../../lib/commands/assign-clients");
const { handoverClients } = await import("../../lib/commands/handover-clients");
const { moveClients } = await import("../../lib/commands/move-clients");
const { Prisma } = await import("../../lib/generated/prisma/client");
type Sql = import("../../lib/generated/prisma/client").Prisma.Sql;

const tag = randomUUID().slice(0, 8);
const COUNTY = "330483";

async function seedBank() {
  const [bank] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO banks (code, name, name_en) VALUES (${"BENCH-" + tag}, ${"基准银行" + tag}, ${"Bench " + tag}) RETURNING id::text`;
  const bankId = bank!.id;
  const [branch] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO branches (bank_id, code, name, name_en, county_code) VALUES (${bankId}::uuid, 'B1', '基准支行', 'Bench branch', ${COUNTY}) RETURNING id::text`;
  const branchId = branch!.id;
  const user = async (name: string, role: string, withBranch: boolean) => {
    const [u] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO users (email, name, password_hash, role, bank_id, branch_id, updated_at)
      VALUES (${`${name}.${tag}@bench.test`}, ${name}, 'x', ${role}::"Role", ${bankId}::uuid, ${withBranch ? branchId : null}::uuid, now())
      RETURNING id::text`;
    return u!.id;
  };
  const hq = await user("hq", "BANK_HEAD_OFFICE", false);
  const head = await user("head", "BRANCH_HEAD", true);
  const managers: string[] = [];
  for (let i = 0; i < 10; i += 1) managers.push(await user(`m${i}`, "ACCOUNT_MANAGER", true));
  return { bankId, branchId, hq, head, managers };
}

/**
 * N enterprises and N clients waiting at head office; rollups deferred while loading, then
 * rebuilt. The
 * clients are for this batch's USCC range (an "enterprise has no client yet" test instead was
 * planned against the empty table as a scan per enterprise: minutes for the first batch).
 */
async function seedClients(bankId: string, n: number, offset: number) {
  const prefix = `Y${tag.replace(/[^0-9]/g, "0").slice(0, 4)}`;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('shoudai.rollups', 'deferred', true)`;
    await tx.$executeRaw`
      INSERT INTO enterprises (uscc, name, kind, county_code, city_code, industry)
      SELECT ${prefix} || lpad((${offset}::int + i)::text, 13, '0'), '基准企业' || (${offset}::int + i), 'ENTERPRISE', ${COUNTY}, '330400', 'C'
      FROM generate_series(1, ${n}::int) AS i`;
    await tx.$executeRaw`
      INSERT INTO bank_clients (bank_id, enterprise_id, updated_at)
      SELECT ${bankId}::uuid, e.id, now() FROM enterprises e
      WHERE e.uscc BETWEEN ${prefix} || lpad((${offset}::int + 1)::text, 13, '0') AND ${prefix} || lpad((${offset}::int + ${n}::int)::text, 13, '0')`;
    // Whoever defers the rollup triggers rebuilds before committing (docs/dashboards.md): the
    // moves below start from exact rollups, a facts row per client, as published clients have.
    await tx.$executeRaw`SELECT rollup_rebuild()`;
  }, { timeout: 600_000 });
  // What autovacuum does after a bulk load (the rebuild rewrote every facts row).
  await vacuum();
  await db.$executeRawUnsafe("ANALYZE enterprises");
}

/**
 * CPU seconds used so far by this database's server processes (when the server runs on this
 * machine and /proc is readable; else null). Other sessions on the 2 cores stretch the wall
 * time several-fold; the server's CPU time for a command moves much less with the load.
 */
async function serverCpu(): Promise<Map<number, number> | null> {
  const rows = await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`;
  const ticks = 100; // USER_HZ on Linux
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / ticks);
    } catch {
      return null;
    }
  }
  return out;
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const cpu0 = await serverCpu();
  const t0 = performance.now();
  const out = await run();
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = await serverCpu();
  // A backend that started during the command counts from zero.
  const cpu = cpu0 && cpu1 ? [...cpu1].reduce((sum, [pid, t]) => sum + t - (cpu0.get(pid) ?? 0), 0) : null;
  console.log(`${label.padEnd(64)} ${wall.toFixed(2)} s${cpu === null ? "" : `  (server CPU ${cpu.toFixed(2)} s)`}`);
  return out;
}

/** The same move as bare SQL in a transaction that is rolled back, with triggers live or deferred. */
async function bare(label: string, bankId: string, actorId: string, where: Sql, managerIds: string[], deferred: boolean, branchId?: string) {
  await timed(label, async () => {
    await db.$transaction(async (tx) => {
      if (deferred) await tx.$executeRaw`SELECT set_config('shoudai.rollups', 'deferred', true)`;
      const r = await moveClients(tx, {
        bankId, actorId, kind: "ASSIGN", reason: null, where, managerIds,
        branch: branchId ? { kind: "fixed", branchId } : { kind: "keep" },
      });
      if (r.moved === 0) throw new Error("nothing moved");
      throw new Rollback();
    }, { timeout: 600_000 }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
  });
}
class Rollback extends Error {}

/**
 * The rolled-back runs above leave a dead version of every client they touched (and an entry
 * in each of its indexes) until a vacuum: a real move does not find 300,000 of them left by
 * diagnostics. They are vacuumed away before the command they are compared with.
 */
async function vacuum() {
  await db.$executeRawUnsafe("VACUUM (ANALYZE) bank_clients, client_assignments, rollup_client_facts");
}

/** The machine's floor at this moment: one plain UPDATE of the same rows, no history, rolled back. */
async function floor(label: string, set: Sql, where: Sql, deferred: boolean) {
  await timed(label, async () => {
    await db.$transaction(async (tx) => {
      if (deferred) await tx.$executeRaw`SELECT set_config('shoudai.rollups', 'deferred', true)`;
      await tx.$executeRaw`UPDATE bank_clients bc SET ${set} WHERE ${where}`;
      throw new Rollback();
    }, { timeout: 600_000 }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
  });
}

const world = await seedBank();
await timed(`seed ${N.toLocaleString()} waiting clients (rollups deferred, then rebuilt)`, () => seedClients(world.bankId, N, 0));
const hq = (await loadActor(db, world.hq))!;
const head = (await loadActor(db, world.head))!;

await floor("  floor: plain UPDATE branch_id of the N, rollups deferred (rolled back)", Prisma.sql`branch_id = ${world.branchId}::uuid`, Prisma.sql`bc.bank_id = ${world.bankId}::uuid AND bc.branch_id IS NULL`, true);
await floor("  floor: plain UPDATE branch_id of the N, rollups live (rolled back)", Prisma.sql`branch_id = ${world.branchId}::uuid`, Prisma.sql`bc.bank_id = ${world.bankId}::uuid AND bc.branch_id IS NULL`, false);
await bare("  bare SQL, triggers deferred: N → branch (rolled back)", world.bankId, world.hq, Prisma.sql`bc.branch_id IS NULL`, [], true, world.branchId);
await vacuum();
const d = await timed(`distributeClients: all ${N.toLocaleString()} matching → one branch`, () =>
  distributeClients(hq, { mode: "selection", branchId: world.branchId, selection: { by: "filter", filter: { branch: "none" }, expectedCount: N } }));
console.log(`  moved ${d.moved}`);

await bare("  bare SQL, triggers deferred: split over 10 (rolled back)", world.bankId, world.head, Prisma.sql`bc.branch_id = ${world.branchId}::uuid AND bc.manager_id IS NULL`, world.managers, true);
await vacuum();
const a = await timed(`assignClients: all ${N.toLocaleString()} without a manager → even split over 10`, () =>
  assignClients(head, { selection: { by: "filter", filter: { manager: "none" }, expectedCount: N }, managerIds: world.managers }));
console.log(`  moved ${a.moved}, shares ${a.perManager.map((p) => p.count).join("/")}`);

const h = await timed("handoverClients: one manager's clients → the other 9", () =>
  handoverClients(head, { fromManagerId: world.managers[0]!, toManagerIds: world.managers.slice(1) }));
console.log(`  moved ${h.moved}`);

await timed(`seed ${N.toLocaleString()} more waiting clients`, () => seedClients(world.bankId, N, N));
const c = await timed(`distributeClients: county rule over ${N.toLocaleString()}`, () => distributeClients(hq, { mode: "county" }));
console.log(`  moved ${c.moved}, left ${c.leftAtHeadOffice}`);
await db.$disconnect();
