// Disbursements, repayments, the first-loan fact and the partner rule against a real PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordDisbursement } from "@/lib/commands/record-disbursement";
import { recordRepayment } from "@/lib/commands/record-repayment";
import { proposeCredit } from "@/lib/commands/propose-credit";
import { logVisit } from "@/lib/commands/log-visit";
import { getPipeline } from "@/lib/queries/get-pipeline";
import { AppError } from "@/lib/errors";
import { addDays, todayInShanghai } from "@/lib/domain/dates";
import { buildWorld, countRows, type World } from "../support/world";
import { addClient, addToBankB, approvedLine, disbursementInput, extraActor, lineState, proposalInput, repaymentInput } from "../support/money";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

const today = todayInShanghai();

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function stageOf(clientId: string) {
  return (await db.bankClient.findUniqueOrThrow({ where: { id: clientId }, select: { stage: true } })).stage;
}

describe("recordDisbursement", () => {
  it("the first-ever loan: drawn grows, 首贷户, the enterprise's first-loan fact, time from need to cash", async () => {
    const { enterpriseId, clientId } = await addClient(world);
    const owner = await world.actor("owner");
    await logVisit(owner, { enterpriseId, visitedOn: addDays(today, -2), mode: "ON_SITE", hasNeed: "yes", amountWan: "100", termMonths: "12", purpose: "WORKING_CAPITAL" });
    const lineId = await approvedLine(world, enterpriseId);
    const before = await countRows();
    const result = await recordDisbursement(owner, disbursementInput(lineId, "300000.50"));
    const after = await countRows();
    expect(result).toMatchObject({ amount: "300000.50", drawn: "300000.50", available: "699999.50", isFirstEver: true, stage: "FIRST_LOAN", isReplay: false });
    expect([after.disbursements - before.disbursements, after.stageEvents - before.stageEvents, after.audit - before.audit]).toEqual([1, 1, 1]);

    const enterprise = await db.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } });
    expect(enterprise.firstLoanOn?.toISOString().slice(0, 10)).toBe(today);
    expect(enterprise.firstLoanBankId).toBe(world.bankA);
    expect(enterprise.firstLoanAmount?.toFixed(2)).toBe("300000.50");
    expect(enterprise.creditCheckHasPriorLoan).toBe(false);

    const pipeline = await getPipeline(owner, enterpriseId);
    expect(pipeline!.client).toMatchObject({ stage: "FIRST_LOAN", daysNeedToCash: 2, firstDisbursedOn: today });
    expect(pipeline!.lines[0]).toMatchObject({ limit: "1000000.00", drawn: "300000.50", available: "699999.50", outstanding: "300000.50" });
    const kinds = pipeline!.timeline.map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(["visit", "proposal", "decision", "disbursement", "stage"]));
    const disbursed = pipeline!.timeline.find((i) => i.kind === "disbursement");
    expect(disbursed).toMatchObject({ by: `owner-${world.tag}`, amount: "300000.50", isFirstEver: true, type: "NEW" });
    expect(pipeline!.timeline.find((i) => i.kind === "decision")).toMatchObject({ by: `head-${world.tag}`, status: "APPROVED" });

    // A second drawdown is not a first loan again, and moves no stage.
    const second = await recordDisbursement(owner, disbursementInput(lineId, "100000", { type: "EXTENSION" }));
    expect(second).toMatchObject({ isFirstEver: false, stage: "FIRST_LOAN", drawn: "400000.50" });
    const events = await db.stageEvent.findMany({ where: { clientId }, orderBy: { id: "asc" }, select: { toStage: true } });
    expect(events.map((e) => e.toStage)).toEqual(["VISITED", "CREDIT_GRANTED", "FIRST_LOAN"]);
  });

  it.each([
    ["more than available", { amountWan: "100.000001" }, "exceedsAvailable", "amountWan"],
    ["a future date", { disbursedOn: addDays(today, 1) }, "dateInFuture", "disbursedOn"],
  ])("refuses %s and writes nothing", async (_label, patch, key, field) => {
    const { enterpriseId } = await addClient(world);
    const lineId = await approvedLine(world, enterpriseId);
    const before = await countRows();
    const error = await failure(recordDisbursement(await world.actor("owner"), disbursementInput(lineId, "1000", patch)));
    expect(error.messageKey === key || error.fieldErrors?.[field]?.includes(key)).toBe(true);
    expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
    expect(await countRows()).toEqual(before);
    expect((await lineState(lineId)).drawn).toBe("0.00");
  });

  it("refuses a pending or rejected line, and a date outside the validity or before approval", async () => {
    const owner = await world.actor("owner");
    const { enterpriseId } = await addClient(world);
    const { creditLineId: pending } = await proposeCredit(owner, proposalInput(enterpriseId));
    expect((await failure(recordDisbursement(owner, disbursementInput(pending, "1000")))).messageKey).toBe("lineNotApproved");

    // Approved "on" an earlier day with a validity that has ended since.
    const { enterpriseId: e2 } = await addClient(world);
    const old = await approvedLine(world, e2, { validFrom: "2025-01-01", validTo: "2025-12-31" }, { today: "2025-01-02" });
    expect((await failure(recordDisbursement(owner, disbursementInput(old, "1000")))).messageKey).toBe("outsideValidity");
    expect((await failure(recordDisbursement(owner, disbursementInput(old, "1000", { disbursedOn: "2025-01-01" })))).messageKey).toBe("beforeApproval");
    await expect(recordDisbursement(owner, disbursementInput(old, "1000", { disbursedOn: "2025-06-30" }))).resolves.toMatchObject({ isFirstEver: true });
  });

  it("本行新客户 when the credit-bureau check found an earlier loan: no first-loan fact is set", async () => {
    const { enterpriseId, clientId } = await addClient(world);
    const lineId = await approvedLine(world, enterpriseId, { creditCheckHasPriorLoan: "yes" });
    const result = await recordDisbursement(await world.actor("owner"), disbursementInput(lineId, "5000"));
    expect(result).toMatchObject({ isFirstEver: false, stage: "NEW_TO_BANK" });
    expect(await stageOf(clientId)).toBe("NEW_TO_BANK");
    expect((await db.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } })).firstLoanOn).toBeNull();
  });

  it("first loan at another bank first → 本行新客户 here; two banks disbursing at once: exactly one first loan", async () => {
    const headB = await extraActor(world, "BRANCH_HEAD", "B1");
    const managerB = await world.actor("otherBankManager");
    for (let round = 0; round < 5; round++) {
      const { enterpriseId, clientId } = await addClient(world);
      const clientB = await addToBankB(world, enterpriseId);
      const lineA = await approvedLine(world, enterpriseId);
      const lineB = await approvedLine(world, enterpriseId, {}, { proposer: managerB, approver: headB });
      const [a, b] = await Promise.all([
        recordDisbursement(await world.actor("owner"), disbursementInput(lineA, "1000")),
        recordDisbursement(managerB, disbursementInput(lineB, "2000")),
      ]);
      expect([a.isFirstEver, b.isFirstEver].filter(Boolean)).toHaveLength(1);
      const stages = [await stageOf(clientId), await stageOf(clientB)].sort();
      expect(stages).toEqual(["FIRST_LOAN", "NEW_TO_BANK"]);
      const enterprise = await db.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } });
      expect(enterprise.firstLoanBankId).toBe(a.isFirstEver ? world.bankA : world.bankB);
      expect(await db.disbursement.count({ where: { enterpriseId, isFirstEver: true } })).toBe(1);
    }
  });

  it("a loan recorded late but dated earlier takes the first-loan fact over; the other bank becomes 本行新客户", async () => {
    const headB = await extraActor(world, "BRANCH_HEAD", "B1");
    const managerB = await world.actor("otherBankManager");
    const { enterpriseId, clientId } = await addClient(world);
    const clientB = await addToBankB(world, enterpriseId);
    const lineA = await approvedLine(world, enterpriseId, { validFrom: addDays(today, -30) }, { today: addDays(today, -30) });
    const lineB = await approvedLine(world, enterpriseId, { validFrom: addDays(today, -30) }, { proposer: managerB, approver: headB, today: addDays(today, -30) });
    await recordDisbursement(await world.actor("owner"), disbursementInput(lineA, "1000", { disbursedOn: addDays(today, -5) }));
    expect(await stageOf(clientId)).toBe("FIRST_LOAN");
    const late = await recordDisbursement(managerB, disbursementInput(lineB, "2000", { disbursedOn: addDays(today, -20) }));
    expect(late).toMatchObject({ isFirstEver: true, stage: "FIRST_LOAN" });
    expect(await stageOf(clientId)).toBe("NEW_TO_BANK");
    expect(await stageOf(clientB)).toBe("FIRST_LOAN");
    const enterprise = await db.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } });
    expect([enterprise.firstLoanBankId, enterprise.firstLoanOn?.toISOString().slice(0, 10)]).toEqual([world.bankB, addDays(today, -20)]);
    const event = await db.stageEvent.findFirstOrThrow({ where: { clientId, toStage: "NEW_TO_BANK" } });
    expect([event.fromStage, event.cause, event.actorId]).toEqual(["FIRST_LOAN", "FIRST_LOAN_EARLIER", null]);
  });

  it("伙伴客户: a further line from the same bank approved after the first loan; one stage event per change", async () => {
    const { enterpriseId, clientId } = await addClient(world);
    const owner = await world.actor("owner");
    const first = await approvedLine(world, enterpriseId, { validFrom: addDays(today, -10) }, { today: addDays(today, -10) });
    await recordDisbursement(owner, disbursementInput(first, "1000", { disbursedOn: addDays(today, -9) }));
    expect(await stageOf(clientId)).toBe("FIRST_LOAN");
    await approvedLine(world, enterpriseId, { productName: "续贷" });
    expect(await stageOf(clientId)).toBe("PARTNER");
    const events = await db.stageEvent.findMany({ where: { clientId }, orderBy: { id: "asc" }, select: { fromStage: true, toStage: true } });
    expect(events.map((e) => `${e.fromStage}→${e.toStage}`)).toEqual(["NO_LOAN→CREDIT_GRANTED", "CREDIT_GRANTED→FIRST_LOAN", "FIRST_LOAN→PARTNER"]);
    const client = await db.bankClient.findUniqueOrThrow({ where: { id: clientId } });
    expect(client.partnerAt?.toISOString().slice(0, 10)).toBe(today);
  });
});

describe("database backstops", () => {
  it("at most one disbursement per enterprise carries the first-loan fact; drawn never above the limit", async () => {
    const { enterpriseId } = await addClient(world);
    const lineId = await approvedLine(world, enterpriseId, { limitAmount: "1000" });
    const first = await recordDisbursement(await world.actor("owner"), disbursementInput(lineId, "100"));
    const second = await recordDisbursement(await world.actor("owner"), disbursementInput(lineId, "100"));
    expect([first.isFirstEver, second.isFirstEver]).toEqual([true, false]);
    await expect(db.disbursement.update({ where: { id: second.disbursementId }, data: { isFirstEver: true } })).rejects.toThrow();
    await expect(db.$executeRaw`UPDATE credit_lines SET drawn_amount = limit_amount + 0.01 WHERE id = ${lineId}::uuid`).rejects.toThrow();
    await expect(db.$executeRaw`UPDATE credit_lines SET drawn_amount = -0.01 WHERE id = ${lineId}::uuid`).rejects.toThrow();
  });
});

describe("recordRepayment", () => {
  it("on a revolving line frees the limit again", async () => {
    const { enterpriseId } = await addClient(world);
    const owner = await world.actor("owner");
    const lineId = await approvedLine(world, enterpriseId, { limitAmount: "1000" });
    await recordDisbursement(owner, disbursementInput(lineId, "1000"));
    expect((await failure(recordDisbursement(owner, disbursementInput(lineId, "0.01")))).messageKey).toBe("exceedsAvailable");
    const repaid = await recordRepayment(owner, repaymentInput(lineId, "400.10"));
    expect(repaid).toMatchObject({ drawn: "599.90", available: "400.10", outstanding: "599.90" });
    await expect(recordDisbursement(owner, disbursementInput(lineId, "400.10"))).resolves.toMatchObject({ drawn: "1000.00", available: "0.00" });
    expect(await lineState(lineId)).toMatchObject({ drawn: "1000.00", disbursed: "1400.10", repaid: "400.10" });
  });

  it("an over-draw is refused with what the line still has available, typed in 万元 with commas or full-width digits", async () => {
    const { enterpriseId } = await addClient(world);
    const owner = await world.actor("owner");
    const lineId = await approvedLine(world, enterpriseId, { limitAmount: "1500000" });
    // 30.0000,5 is not an amount; "３０.０００05" is (full-width digits): 300,000.50 元.
    await expect(failure(recordDisbursement(owner, disbursementInput(lineId, "1", { amountWan: "30.0000,5" })))).resolves.toMatchObject({ fieldErrors: { amountWan: ["amountFormat"] } });
    await expect(recordDisbursement(owner, disbursementInput(lineId, "1", { amountWan: "３０.０００05" }))).resolves.toMatchObject({ amount: "300000.50", available: "1199999.50" });
    const before = await countRows();
    const error = await failure(recordDisbursement(owner, disbursementInput(lineId, "1", { amountWan: "1,200" })));
    expect([error.messageKey, error.fieldErrors, error.amounts]).toEqual(["exceedsAvailable", { amountWan: ["exceedsAvailable"] }, { available: "1199999.50" }]);
    expect(await countRows()).toEqual(before);
  });

  it("on a one-off line records the money but does not free the limit", async () => {
    const { enterpriseId } = await addClient(world);
    const owner = await world.actor("owner");
    const lineId = await approvedLine(world, enterpriseId, { limitAmount: "1000", isRevolving: "no" });
    await recordDisbursement(owner, disbursementInput(lineId, "1000"));
    const repaid = await recordRepayment(owner, repaymentInput(lineId, "1000"));
    expect(repaid).toMatchObject({ drawn: "1000.00", available: "0.00", outstanding: "0.00" });
    expect((await failure(recordDisbursement(owner, disbursementInput(lineId, "1")))).messageKey).toBe("exceedsAvailable");
    const pipeline = await getPipeline(owner, enterpriseId);
    expect(pipeline!.lines[0]).toMatchObject({ drawn: "1000.00", available: "0.00", repaidTotal: "1000.00", outstanding: "0.00", hasOutstanding: false });
    expect(pipeline!.timeline.find((i) => i.kind === "repayment")).toMatchObject({ amount: "1000.00", by: `owner-${world.tag}` });
  });

  it("cannot exceed what is outstanding, nor come before any disbursement; writes nothing then", async () => {
    const { enterpriseId } = await addClient(world);
    const owner = await world.actor("owner");
    const lineId = await approvedLine(world, enterpriseId, { isRevolving: "no" });
    expect((await failure(recordRepayment(owner, repaymentInput(lineId, "1")))).messageKey).toBe("nothingOutstanding");
    await recordDisbursement(owner, disbursementInput(lineId, "500"));
    await recordRepayment(owner, repaymentInput(lineId, "300"));
    const before = await countRows();
    const error = await failure(recordRepayment(owner, repaymentInput(lineId, "200.01")));
    expect([error.messageKey, error.fieldErrors?.amountWan]).toEqual(["exceedsOutstanding", ["exceedsOutstanding"]]);
    // The refusal says what may still be repaid.
    expect(error.amounts).toEqual({ outstanding: "200.00" });
    expect(await countRows()).toEqual(before);
  });

  it("concurrent repayments never take the outstanding below zero", async () => {
    const { enterpriseId } = await addClient(world);
    const owner = await world.actor("owner");
    const lineId = await approvedLine(world, enterpriseId, { isRevolving: "no" });
    await recordDisbursement(owner, disbursementInput(lineId, "1000"));
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => recordRepayment(owner, repaymentInput(lineId, "300"))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await lineState(lineId)).toMatchObject({ repaid: "900.00", drawn: "1000.00" });
  });
});
