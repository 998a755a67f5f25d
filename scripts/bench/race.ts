// npm run bench:race — the over-draw race at scale: 1,000 rounds (BENCH_ROUNDS), each a fresh
// approved line and 20 simultaneous disbursements with random amounts through the command the
// form uses; after every round the books are checked to the cent. Prints the figures and
// exits 1 on any over-draw or mismatch.
//
// Uses DATABASE_URL when set (a local, migrated database: it writes test banks into it);
// otherwise starts a throw-away embedded PostgreSQL and migrates it.
import { performance } from "node:perf_hooks";
import { startEmbeddedPostgres, tempDataDir, type RunningPostgres } from "../db/embedded";
import { prepareDatabase } from "../db/prepare";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SEED = Number(process.env.BENCH_SEED ?? 20200603);

let embedded: RunningPostgres | null = null;
if (!process.env.DATABASE_URL) {
  embedded = await startEmbeddedPostgres({ dataDir: tempDataDir("bench-race"), persistent: false, quiet: true });
  await embedded.createDatabase("bench_race");
  const url = embedded.url("bench_race");
  await prepareDatabase(url, { seed: false });
  process.env.DATABASE_URL = url;
}

// lib/db reads DATABASE_URL when first imported: import the app code only now.
const { buildWorld } = await import("../../tests/support/world");
const { raceRound, raceViolations, drawnBasisPoints, percentile } = await import("../../tests/support/race");
const { createRandom } = await import("../../prisma/seed/random");
const { db } = await import("../../lib/db");

let exitCode = 0;
try {
  const random = createRandom(SEED);
  const world = await buildWorld();
  const owner = (await world.actor("owner"))!;
  const latencies: number[] = [];
  let ok = 0;
  let refused = 0;
  let ranOut = 0;
  let maxBasisPoints = 0;
  let maxRound = { drawn: "0.00", limit: "0.00" };
  const failures: string[] = [];
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    const round = await raceRound(world, owner, random, CONCURRENCY);
    const broken = raceViolations(round);
    if (broken.length) failures.push(`round ${i}: ${broken.join("; ")}`);
    ok += round.ok;
    refused += round.refused;
    if (round.refused > 0) ranOut += 1;
    const bp = drawnBasisPoints(round);
    if (bp >= maxBasisPoints) {
      maxBasisPoints = bp;
      maxRound = { drawn: round.drawn, limit: round.limit };
    }
    latencies.push(...round.latenciesMs);
    if ((i + 1) % 100 === 0) console.log(`  … ${i + 1} rounds, ${ok} ok, ${refused} refused, ${failures.length} broken`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`
race benchmark: ${ROUNDS} rounds × ${CONCURRENCY} simultaneous disbursements (seed ${SEED})
  disbursements      ${ok + refused} (${ok} ok, ${refused} refused "exceeds available")
  rounds run out     ${ranOut} of ${ROUNDS}
  max drawn / limit  ${(maxBasisPoints / 100).toFixed(2)} % (drawn ${maxRound.drawn} of limit ${maxRound.limit})
  over-draws         ${failures.filter((f) => f.includes("over-draw")).length}
  book mismatches    ${failures.length} (drawn = Σ rows = Σ successful calls, to the cent)
  latency per call   p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${percentile(latencies, 100).toFixed(1)} ms (includes waiting for the line's lock)
  wall time          ${seconds.toFixed(1)} s (${((ok + refused) / seconds).toFixed(0)} calls/s)`);
  if (failures.length) {
    console.error(failures.slice(0, 20).join("\n"));
    exitCode = 1;
  }
} finally {
  await db.$disconnect();
  if (embedded) await embedded.stop().catch(() => {});
}
process.exit(exitCode);
