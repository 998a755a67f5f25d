// DATABASE_URL=… npx tsx --conditions=react-server scripts/bench/coverage.ts [--iterations 30]
//
// Times the coverage page's read (lib/queries/getCoverage: the counts kept in coverage_counts)
// on a loaded scenario (npm run seed:scenario -- zhejiang-2020): the province with and without
// Ningbo, a city's counties, and the largest bank's head office; p50/p95 each. Beside it, the
// count over every listed enterprise the page ran before coverage_counts (the same figures,
// computed from the base tables), a few times, and whether both agree. Prints figures only.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { getCoverage } from "@/lib/queries/coverage";
import { timeRuns as time } from "./measure";

const argv = process.argv.slice(2);
const iterationsAt = argv.indexOf("--iterations");
const ITERATIONS = iterationsAt >= 0 ? Number(argv[iterationsAt + 1]) : 30;

/** The page's figures by county × responsible bank, counted from the base tables (the former read). */
async function naiveTotals(): Promise<{ listed: number; allocated: number; assigned: number; contacted: number }> {
  const [row] = await db.$queryRaw<{ listed: number; allocated: number; assigned: number; contacted: number }[]>`
    SELECT count(*)::int AS listed, count(a.bank_id)::int AS allocated,
           count(*) FILTER (WHERE bc.manager_id IS NOT NULL)::int AS assigned,
           count(*) FILTER (WHERE bc.id IS NOT NULL AND (bc.last_contact_at IS NOT NULL OR EXISTS (SELECT 1 FROM visits v WHERE v.client_id = bc.id)))::int AS contacted
      FROM enterprises e
      LEFT JOIN enterprise_allocations a ON a.enterprise_id = e.id
      LEFT JOIN bank_clients bc ON bc.bank_id = a.bank_id AND bc.enterprise_id = e.id
     WHERE EXISTS (SELECT 1 FROM list_memberships m WHERE m.enterprise_id = e.id)`;
  return row!;
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL to a database with the zhejiang-2020 scenario loaded.");
  const base = { userId: "00000000-0000-4000-8000-000000000000", name: "bench", email: "bench@shoudai.test", bankId: null, branchId: null, isAdmin: false };
  const regulator: Actor = { ...base, role: "REGULATOR", jurisdiction: "ZHEJIANG" };
  const [bank] = await db.$queryRaw<{ bank_id: string }[]>`
    SELECT bank_key::text AS bank_id FROM coverage_counts WHERE bank_key <> '00000000-0000-0000-0000-000000000000'
     GROUP BY bank_key ORDER BY sum(listed) DESC LIMIT 1`;
  const cases: { name: string; actor: Actor; params: { ningbo?: "include" | "exclude"; city?: string } }[] = [
    { name: "regulator, province incl. Ningbo", actor: regulator, params: { ningbo: "include" } },
    { name: "regulator, province excl. Ningbo", actor: regulator, params: { ningbo: "exclude" } },
    { name: "regulator, Hangzhou's counties", actor: regulator, params: { city: "330100" } },
  ];
  if (bank) cases.push({ name: "largest bank's head office", actor: { ...base, role: "BANK_HEAD_OFFICE", bankId: bank.bank_id, jurisdiction: null }, params: {} });

  console.log(`coverage page read: ${ITERATIONS} runs per case (2 warm-ups)`);
  console.log("case".padEnd(40) + "p50 ms".padStart(8) + "p95 ms".padStart(8) + "  listed");
  for (const c of cases) {
    const view = await getCoverage(c.actor, c.params);
    const t = await time(ITERATIONS, () => getCoverage(c.actor, c.params), 2);
    console.log(c.name.padEnd(40) + t.p50.toFixed(1).padStart(8) + t.p95.toFixed(1).padStart(8) + `  ${view?.totals.listed ?? "-"}`);
  }
  const kept = (await getCoverage(regulator, { ningbo: "include" }))!.totals;
  const naive = await naiveTotals();
  const n = await time(3, naiveTotals, 0);
  console.log(`\nformer read (count over every listed enterprise), province: p50 ${n.p50.toFixed(0)} ms, max of 3 ${n.p95.toFixed(0)} ms`);
  const same = kept.listed === naive.listed && kept.allocated === naive.allocated && kept.assigned === naive.assigned && kept.contacted === naive.contacted;
  console.log(`kept counts ${same ? "equal" : "DIFFER FROM"} the recount: listed ${kept.listed}/${naive.listed}, allocated ${kept.allocated}/${naive.allocated}, assigned ${kept.assigned}/${naive.assigned}, contacted ${kept.contacted}/${naive.contacted}`);
  if (!same) process.exitCode = 1;
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
