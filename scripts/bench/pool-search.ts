// DATABASE_URL=… npx tsx --conditions=react-server scripts/bench/pool-search.ts [--iterations 50] [--plans] [--pieces]
//
// Times the pool search (lib/queries/list-pool.ts: count + one keyset page, as the pool
// page calls it) in the largest bank's pool of a loaded zhejiang-2020 scenario (npm run
// seed:scenario), as that bank's head office, as the head of its largest branch and as the
// manager with most clients there: no search, 2-character common and rare fragments, a
// 4-character fragment, a USCC prefix, a county, the unassigned clients, and a deep keyset page
// (the row where OFFSET page 5,000 would start, or the deepest page of a smaller pool).
// p50/p95 of each, the count the page shows (head office: exact up to 1,000; a branch or a manager:
// exact), and the exact count's time (countPool). With --plans it
// also times each forced page plan ("walk", "materialize", "scope") next to "auto"; with --pieces,
// head office's searches also without the name pieces (bank_client_name_grams). Prints figures only:
// nothing here asserts a time. The machine is shared: figures are noisy.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { poolWhereSql, type PoolFilter } from "@/lib/queries/pool-filter";
import { countPool, encodeCursor, listPool, type PagePlan } from "@/lib/queries/list-pool";
import { timeRuns as time } from "./measure";

const argv = process.argv.slice(2);
const iterationsAt = argv.indexOf("--iterations");
const ITERATIONS = iterationsAt >= 0 ? Number(argv[iterationsAt + 1]) : 50;
const COMPARE_PLANS = argv.includes("--plans");
const COMPARE_PIECES = argv.includes("--pieces");
const DEEP_ROW = 5_000 * 20; // the first row of OFFSET page 5,000 at 20 rows a page

/** The largest bank's head office, its largest branch's head, and that branch's busiest manager. */
async function actors(): Promise<{ label: string; actor: Actor }[]> {
  const [bank] = await db.$queryRaw<{ bank_id: string; n: number }[]>`
    SELECT bank_id::text, count(*)::int AS n FROM bank_clients GROUP BY bank_id ORDER BY n DESC LIMIT 1`;
  if (!bank) throw new Error("No bank clients: load a scenario first (npm run seed:scenario -- zhejiang-2020).");
  const [branch] = await db.$queryRaw<{ branch_id: string }[]>`
    SELECT branch_id::text FROM bank_clients WHERE bank_id = ${bank.bank_id}::uuid AND branch_id IS NOT NULL
    GROUP BY branch_id ORDER BY count(*) DESC LIMIT 1`;
  const [manager] = await db.$queryRaw<{ manager_id: string }[]>`
    SELECT manager_id::text FROM bank_clients WHERE branch_id = ${branch!.branch_id}::uuid AND manager_id IS NOT NULL
    GROUP BY manager_id ORDER BY count(*) DESC LIMIT 1`;
  // The scope reads role, bank, branch and user id only: synthetic actors of those are exact.
  const base = { name: "bench", email: "bench@shoudai.test", jurisdiction: null, isAdmin: false };
  return [
    { label: "head office", actor: { ...base, userId: "00000000-0000-4000-8000-000000000000", role: "BANK_HEAD_OFFICE", bankId: bank.bank_id, branchId: null } },
    { label: "branch head", actor: { ...base, userId: "00000000-0000-4000-8000-000000000000", role: "BRANCH_HEAD", bankId: bank.bank_id, branchId: branch!.branch_id } },
    { label: "manager", actor: { ...base, userId: manager!.manager_id, role: "ACCOUNT_MANAGER", bankId: bank.bank_id, branchId: branch!.branch_id } },
  ];
}

/** The cursor at the row where OFFSET page 5,000 would start (or 40 rows before the pool's end). */
async function deepCursor(actor: Actor): Promise<{ cursor: string; row: number } | null> {
  const where = poolWhereSql(actor, { q: "" });
  const [{ n } = { n: 0 }] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM bank_clients bc JOIN enterprises e ON e.id = bc.enterprise_id WHERE ${where}`;
  const row = Math.max(0, Math.min(DEEP_ROW, n - 40));
  const [key] = await db.$queryRaw<{ name: string; id: string }[]>`
    SELECT e.name, e.id::text FROM bank_clients bc JOIN enterprises e ON e.id = bc.enterprise_id WHERE ${where}
    ORDER BY e.name, e.id OFFSET ${row} LIMIT 1`;
  return key ? { cursor: encodeCursor(key), row } : null;
}

async function topCounty(actor: Actor): Promise<string> {
  const [row] = await db.$queryRaw<{ county_code: string }[]>`
    SELECT e.county_code FROM bank_clients bc JOIN enterprises e ON e.id = bc.enterprise_id
    WHERE ${poolWhereSql(actor, { q: "" })} GROUP BY e.county_code ORDER BY count(*) DESC LIMIT 1`;
  return row?.county_code ?? "330483";
}

async function usccPrefixOf(actor: Actor): Promise<string> {
  // A county-level prefix (register + type + division): a realistic, wide one.
  const [row] = await db.$queryRaw<{ uscc: string }[]>`
    SELECT e.uscc FROM bank_clients bc JOIN enterprises e ON e.id = bc.enterprise_id
    WHERE ${poolWhereSql(actor, { q: "" })} ORDER BY bc.id LIMIT 1`;
  return (row?.uscc ?? "91330483").slice(0, 8);
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL to a database with the zhejiang-2020 scenario loaded.");
  const started = Date.now();
  console.log(`pool search bench: ${ITERATIONS} runs per case (3 warm-ups), listPool = count + page of 20`);
  for (const { label, actor } of await actors()) {
    const deep = await deepCursor(actor);
    const cases: { name: string; filter: PoolFilter }[] = [
      { name: "no search, first page", filter: { q: "" } },
      { name: "2-char common 科技", filter: { q: "科技" } },
      { name: "2-char common 浙江", filter: { q: "浙江" } },
      { name: "2-char rare 杨梅", filter: { q: "杨梅" } },
      { name: "4-char 宏达五金", filter: { q: "宏达五金" } },
      { name: "USCC prefix", filter: { q: await usccPrefixOf(actor) } },
      { name: "county", filter: { q: "", countyCode: await topCounty(actor) } },
      { name: actor.role === "BANK_HEAD_OFFICE" ? "unassigned (no branch)" : "unassigned (no manager)", filter: actor.role === "BANK_HEAD_OFFICE" ? { q: "", branch: "none" } : { q: "", manager: "none" } },
      { name: `deep keyset page (row ${deep?.row ?? 0})`, filter: { q: "", after: deep?.cursor } },
      { name: "deep page, previous", filter: { q: "", before: deep?.cursor } },
    ];
    console.log(`\n${label} (${actor.role})`);
    console.log("case".padEnd(34) + "plan".padEnd(13) + "p50 ms".padStart(8) + "p95 ms".padStart(8) + "max ms".padStart(8) + "  count      exact count (p50/p95 ms)");
    for (const c of cases) {
      const plans: PagePlan[] = COMPARE_PLANS ? ["auto", "walk", "materialize", "scope"] : ["auto"];
      const first = await listPool(actor, c.filter);
      const shown = first.count.isExact ? String(first.count.value) : `${first.count.value}+`;
      const exact = await countPool(actor, c.filter);
      const exactTime = await time(Math.max(5, Math.round(ITERATIONS / 5)), () => countPool(actor, c.filter), 1);
      for (const plan of plans) {
        const t = await time(ITERATIONS, () => listPool(actor, c.filter, 20, { plan }));
        const tail = plan === "auto" ? `  ${shown.padEnd(10)} ${String(exact).padStart(7)} (${exactTime.p50.toFixed(1)}/${exactTime.p95.toFixed(1)})` : "";
        console.log(c.name.padEnd(34) + plan.padEnd(13) + t.p50.toFixed(1).padStart(8) + t.p95.toFixed(1).padStart(8) + t.max.toFixed(1).padStart(8) + tail);
      }
      if (COMPARE_PIECES && actor.role === "BANK_HEAD_OFFICE" && c.filter.q) {
        // The same search without the name pieces (every client's name tested, as before).
        const t = await time(ITERATIONS, () => listPool(actor, c.filter, 20, { useNamePieces: false }));
        console.log("  without name pieces".padEnd(34) + "auto".padEnd(13) + t.p50.toFixed(1).padStart(8) + t.p95.toFixed(1).padStart(8) + t.max.toFixed(1).padStart(8));
      }
    }
  }
  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
