// One round of the over-draw race: a fresh approved line, N disbursements with random amounts
// fired at once through the command the form uses, then the books checked to the cent.
// Shared by tests/integration/money-race.test.ts (≥ 50 rounds) and `npm run bench:race` (1,000).
import { performance } from "node:perf_hooks";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordDisbursement } from "@/lib/commands/record-disbursement";
import { AppError } from "@/lib/errors";
import { compareMoney, fromCents, sumMoney } from "@/lib/domain/money";
import type { Random } from "@/prisma/seed/random";
import type { World } from "./world";
import { addClient, approvedLine, disbursementInput } from "./money";

export type RaceRound = {
  limit: string;
  ok: number;
  refused: number;
  /** Any failure that is not the expected "exceeds available" refusal. */
  unexpected: string[];
  drawn: string;
  /** Sum of the disbursement rows in the database for the line. */
  rowsSum: string;
  rowsCount: number;
  /** Sum of the amounts the successful calls reported. */
  okSum: string;
  latenciesMs: number[];
};

export async function raceRound(world: World, owner: Actor, random: Random, concurrency = 20): Promise<RaceRound> {
  const { enterpriseId } = await addClient(world);
  // Limit 10,000.00–1,000,000.00 yuan; amounts from one cent up to a sixth (most rounds run
  // out part-way) or a fortieth of the limit (the round fits), any number of cents.
  const limitCents = BigInt(random.int(1_000_000, 100_000_000));
  const limit = fromCents(limitCents);
  const lineId = await approvedLine(world, enterpriseId, { limitAmount: limit });
  const largest = Number(limitCents / random.pick([6n, 6n, 8n, 12n, 40n]));
  const amounts = Array.from({ length: concurrency }, () => fromCents(BigInt(random.int(1, largest))));

  const latenciesMs: number[] = [];
  const results = await Promise.allSettled(
    amounts.map(async (amount) => {
      const started = performance.now();
      try {
        return await recordDisbursement(owner, disbursementInput(lineId, amount));
      } finally {
        latenciesMs.push(performance.now() - started);
      }
    }),
  );
  const okAmounts: string[] = [];
  const unexpected: string[] = [];
  let refused = 0;
  for (const [i, result] of results.entries()) {
    if (result.status === "fulfilled") okAmounts.push(result.value.amount);
    else if (result.reason instanceof AppError && result.reason.messageKey === "exceedsAvailable") {
      refused += 1;
      // The refusal names what was available, and that was less than the amount asked for.
      const available = result.reason.amounts?.available;
      if (!available || compareMoney(available, amounts[i]!) >= 0) unexpected.push(`refused ${amounts[i]} with available ${available}`);
    } else unexpected.push(String(result.reason));
  }
  const [line, rows] = await Promise.all([
    db.creditLine.findUniqueOrThrow({ where: { id: lineId }, select: { drawnAmount: true } }),
    db.disbursement.findMany({ where: { creditLineId: lineId }, select: { amount: true } }),
  ]);
  return {
    limit,
    ok: okAmounts.length,
    refused,
    unexpected,
    drawn: line.drawnAmount.toFixed(2),
    rowsSum: sumMoney(rows.map((r) => r.amount.toFixed(2))),
    rowsCount: rows.length,
    okSum: sumMoney(okAmounts),
    latenciesMs,
  };
}

/** What must hold after every round; returns the broken rules (empty when the books are right). */
export function raceViolations(round: RaceRound): string[] {
  const broken: string[] = [];
  if (compareMoney(round.drawn, round.limit) > 0) broken.push(`over-draw: drawn ${round.drawn} > limit ${round.limit}`);
  if (round.drawn !== round.rowsSum) broken.push(`drawn ${round.drawn} ≠ rows ${round.rowsSum}`);
  if (round.okSum !== round.rowsSum) broken.push(`successful calls ${round.okSum} ≠ rows ${round.rowsSum}`);
  if (round.rowsCount !== round.ok) broken.push(`rows ${round.rowsCount} ≠ successes ${round.ok}`);
  if (round.unexpected.length) broken.push(`unexpected failures: ${round.unexpected.join("; ")}`);
  return broken;
}

/** drawn ÷ limit in basis points (10,000 = fully drawn), exact. */
export function drawnBasisPoints(round: RaceRound): number {
  const toCents = (m: string) => BigInt(m.replace(".", ""));
  return Number((toCents(round.drawn) * 10_000n) / toCents(round.limit));
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
