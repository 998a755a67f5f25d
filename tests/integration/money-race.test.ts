// Money under concurrency: no over-draw (20 simultaneous disbursements against one line, 50
// rounds with random amounts) and idempotency (10 simultaneous submissions of one form).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordDisbursement } from "@/lib/commands/record-disbursement";
import { recordRepayment } from "@/lib/commands/record-repayment";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/commands/idempotency";
import { createRandom } from "@/prisma/seed/random";
import { buildWorld, countRows, type World } from "../support/world";
import { addClient, approvedLine, disbursementInput, lineState, newKey, repaymentInput } from "../support/money";
import { drawnBasisPoints, percentile, raceRound, raceViolations } from "../support/race";

let world: World;
let owner: Actor;
beforeAll(async () => {
  world = await buildWorld();
  owner = (await world.actor("owner"))!;
});

const ROUNDS = Number(process.env.RACE_ROUNDS ?? 50);

describe("no over-draw under concurrency", () => {
  it(`${ROUNDS} rounds × 20 simultaneous disbursements: drawn ≤ limit and equals the sum of the rows, to the cent`, async () => {
    const random = createRandom(Number(process.env.RACE_SEED ?? 20261128));
    const started = Date.now();
    let ok = 0;
    let refused = 0;
    let fullyDrawn = 0;
    let maxBasisPoints = 0;
    const latencies: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const round = await raceRound(world, owner, random);
      expect(raceViolations(round), `round ${i}`).toEqual([]);
      ok += round.ok;
      refused += round.refused;
      if (round.refused > 0) fullyDrawn += 1;
      maxBasisPoints = Math.max(maxBasisPoints, drawnBasisPoints(round));
      latencies.push(...round.latenciesMs);
    }
    // The rounds must exercise both outcomes, or they prove nothing about the limit.
    expect(ok).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect(maxBasisPoints).toBeLessThanOrEqual(10_000);
    console.info(
      `[race] ${ROUNDS} rounds, ${ok} ok, ${refused} refused, ${fullyDrawn} rounds ran out of limit, ` +
        `max drawn/limit ${(maxBasisPoints / 100).toFixed(2)}%, 0 over-draws; ` +
        `disbursement p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms; ${Date.now() - started} ms`,
    );
  }, 120_000);
});

describe("idempotency", () => {
  it("10 simultaneous submissions with one key: exactly one row, every caller gets the first result", async () => {
    const { enterpriseId } = await addClient(world);
    const lineId = await approvedLine(world, enterpriseId);
    const input = disbursementInput(lineId, "12345.67");
    const before = await countRows();
    const results = await Promise.all(Array.from({ length: 10 }, () => recordDisbursement(owner, input)));
    const after = await countRows();
    expect(after.disbursements - before.disbursements).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    expect(new Set(results.map((r) => r.disbursementId)).size).toBe(1);
    expect(results.filter((r) => !r.isReplay)).toHaveLength(1);
    expect(await lineState(lineId)).toMatchObject({ drawn: "12345.67", disbursements: 1 });
  });

  it("a duplicate key is recognised as the unique violation the race handler re-reads the winner for", async () => {
    const { enterpriseId } = await addClient(world);
    const lineId = await approvedLine(world, enterpriseId);
    const first = await recordDisbursement(owner, disbursementInput(lineId, "10"));
    const row = await db.disbursement.findUniqueOrThrow({ where: { id: first.disbursementId } });
    const error = await db.disbursement
      .create({ data: { ...row, id: undefined, createdAt: undefined, isFirstEver: false } })
      .then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error("connection reset"))).toBe(false);
  });

  it("the same key again later returns the first result; with another payload it is refused", async () => {
    const { enterpriseId } = await addClient(world);
    const lineId = await approvedLine(world, enterpriseId);
    const input = disbursementInput(lineId, "1000");
    const first = await recordDisbursement(owner, input);
    await recordDisbursement(owner, disbursementInput(lineId, "500"));
    // The same form again (retry after a lost answer): same row; formatting differences (here
    // full-width digits for the 0.1 万元 sent first) do not matter.
    const replay = await recordDisbursement(owner, { ...input, amountWan: "０．１０００" });
    expect(replay).toMatchObject({ disbursementId: first.disbursementId, isReplay: true, amount: "1000.00" });
    const { enterpriseId: e2 } = await addClient(world);
    const other = await approvedLine(world, e2);
    const before = await countRows();
    for (const patch of [{ amountWan: "0.1001" }, { type: "EXTENSION" }, { disbursedOn: "2026-01-01" }]) {
      const error = await recordDisbursement(owner, { ...input, ...patch }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect([(error as AppError).code, (error as AppError).messageKey]).toEqual(["CONFLICT", "idempotencyKeyReused"]);
    }
    // A key used on another line (even one the caller cannot see) is refused as well.
    expect((await recordDisbursement(owner, { ...input, creditLineId: other }).catch((e: AppError) => e)) as AppError).toMatchObject({ code: "CONFLICT" });
    expect(await countRows()).toEqual(before);
  });

  it("concurrent different keys with one payload are separate disbursements (two real loans)", async () => {
    const { enterpriseId } = await addClient(world);
    const lineId = await approvedLine(world, enterpriseId);
    await Promise.all([recordDisbursement(owner, disbursementInput(lineId, "100")), recordDisbursement(owner, disbursementInput(lineId, "100"))]);
    expect((await lineState(lineId)).disbursements).toBe(2);
  });

  it("repayments: 10 simultaneous submissions with one key make one row and free the limit once", async () => {
    const { enterpriseId } = await addClient(world);
    const lineId = await approvedLine(world, enterpriseId);
    await recordDisbursement(owner, disbursementInput(lineId, "1000"));
    const input = repaymentInput(lineId, "250");
    const results = await Promise.all(Array.from({ length: 10 }, () => recordRepayment(owner, input)));
    expect(new Set(results.map((r) => r.repaymentId)).size).toBe(1);
    expect(await db.repayment.count({ where: { creditLineId: lineId } })).toBe(1);
    expect(await lineState(lineId)).toMatchObject({ drawn: "750.00", repaid: "250.00" });
    const conflict = await recordRepayment(owner, { ...input, amountWan: "0.0251" }).catch((e: AppError) => e);
    expect(conflict).toMatchObject({ code: "CONFLICT", messageKey: "idempotencyKeyReused" });
    // And a fresh key is a new repayment.
    await expect(recordRepayment(owner, { ...input, idempotencyKey: newKey() })).resolves.toMatchObject({ isReplay: false, drawn: "500.00" });
  });
});
