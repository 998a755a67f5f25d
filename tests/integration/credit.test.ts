// Credit proposals and maker-checker decisions against a real PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { proposeCredit } from "@/lib/commands/propose-credit";
import { decideCredit } from "@/lib/commands/decide-credit";
import { withdrawCredit } from "@/lib/commands/withdraw-credit";
import { listPendingApprovals } from "@/lib/queries/list-approvals";
import { AppError } from "@/lib/errors";
import { buildWorld, countRows, type World } from "../support/world";
import { addClient, extraActor, pendingLine, proposalInput } from "../support/money";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function expectError(promise: Promise<unknown>, code: string): Promise<void> {
  expect((await failure(promise)).code).toBe(code);
}

describe("proposeCredit", () => {
  it("by the account manager writes one PENDING line and one audit row; the stage does not move", async () => {
    const { enterpriseId, clientId } = await addClient(world);
    const before = await countRows();
    const result = await proposeCredit(await world.actor("owner"), proposalInput(enterpriseId, { hasRiskCompensation: "on", isRevolving: "no" }));
    const after = await countRows();
    expect([after.lines - before.lines, after.audit - before.audit, after.stageEvents - before.stageEvents]).toEqual([1, 1, 0]);
    const line = await db.creditLine.findUniqueOrThrow({ where: { id: result.creditLineId } });
    expect(line.status).toBe("PENDING");
    expect(line.limitAmount.toFixed(2)).toBe("1000000.00");
    expect([line.hasGovGuarantee, line.hasRiskCompensation, line.hasGuaranteeInsurance, line.isRevolving]).toEqual([true, true, false, false]);
    expect(line.clientId).toBe(clientId);
    expect(line.proposedById).toBe(world.userIds.owner);
  });

  it("one pending proposal per bank and enterprise; the same form submitted twice answers as the first time", async () => {
    const { enterpriseId } = await addClient(world);
    const owner = await world.actor("owner");
    const input = proposalInput(enterpriseId);
    const first = await proposeCredit(owner, input);
    const again = await proposeCredit(owner, input);
    expect(again).toEqual({ ...first, isReplay: true });
    const other = await failure(proposeCredit(owner, { ...input, limitWan: "200" }));
    expect([other.code, other.messageKey]).toEqual(["RULE_VIOLATION", "proposalPending"]);
    expect(await db.creditLine.count({ where: { enterpriseId } })).toBe(1);
  });

  it("concurrent different proposals for one enterprise: exactly one is kept", async () => {
    const { enterpriseId } = await addClient(world);
    const owner = await world.actor("owner");
    const head = await world.actor("branchHead");
    const results = await Promise.allSettled([
      ...Array.from({ length: 4 }, (_, i) => proposeCredit(owner, proposalInput(enterpriseId, { limitAmount: String(100000 + i) }))),
      ...Array.from({ length: 4 }, (_, i) => proposeCredit(head, proposalInput(enterpriseId, { limitAmount: String(200000 + i) }))),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).messageKey).toBe("proposalPending");
    expect(await db.creditLine.count({ where: { enterpriseId } })).toBe(1);
  });

  it("refuses a validity that has already ended", async () => {
    const { enterpriseId } = await addClient(world);
    const error = await failure(proposeCredit(await world.actor("owner"), proposalInput(enterpriseId, { validFrom: "2024-01-01", validTo: "2024-12-31" })));
    expect([error.code, error.messageKey]).toEqual(["RULE_VIOLATION", "validityEnded"]);
  });
});

describe("decideCredit (maker-checker)", () => {
  it("the branch head approves: APPROVED with who and when, 已授信, one stage event and one audit row", async () => {
    const { enterpriseId, clientId } = await addClient(world);
    const lineId = await pendingLine(world, enterpriseId);
    const before = await countRows();
    const result = await decideCredit(await world.actor("branchHead"), { creditLineId: lineId, decision: "APPROVE" });
    const after = await countRows();
    expect(result).toMatchObject({ status: "APPROVED", stage: "CREDIT_GRANTED", isReplay: false });
    expect([after.stageEvents - before.stageEvents, after.audit - before.audit]).toEqual([1, 1]);
    const line = await db.creditLine.findUniqueOrThrow({ where: { id: lineId } });
    expect(line.decidedById).toBe(world.userIds.branchHead);
    expect(line.decidedAt).toBeInstanceOf(Date);
    const client = await db.bankClient.findUniqueOrThrow({ where: { id: clientId } });
    expect(client.stage).toBe("CREDIT_GRANTED");
    expect(client.firstCreditAt).not.toBeNull();
  });

  it("a rejection needs a reason, keeps the stage and frees the slot for a new proposal", async () => {
    const { enterpriseId } = await addClient(world);
    const lineId = await pendingLine(world, enterpriseId);
    const head = await world.actor("branchHead");
    const noReason = await failure(decideCredit(head, { creditLineId: lineId, decision: "REJECT" }));
    expect(noReason.fieldErrors?.reason).toEqual(["reasonRequired"]);
    const result = await decideCredit(head, { creditLineId: lineId, decision: "REJECT", reason: "经营流水不足" });
    expect(result).toMatchObject({ status: "REJECTED", stage: "NO_LOAN" });
    expect((await db.creditLine.findUniqueOrThrow({ where: { id: lineId } })).decisionReason).toBe("经营流水不足");
    await expect(pendingLine(world, enterpriseId)).resolves.toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses self-approval: a branch head who proposed cannot approve their own; another head of the branch can", async () => {
    const { enterpriseId } = await addClient(world);
    const head = await world.actor("branchHead");
    const { creditLineId } = await proposeCredit(head, proposalInput(enterpriseId));
    const before = await countRows();
    const error = await failure(decideCredit(head, { creditLineId, decision: "APPROVE" }));
    expect([error.code, error.messageKey]).toEqual(["RULE_VIOLATION", "ownProposal"]);
    const rejectOwn = await failure(decideCredit(head, { creditLineId, decision: "REJECT", reason: "撤回" }));
    expect(rejectOwn.messageKey).toBe("ownProposal");
    expect(await countRows()).toEqual(before);
    expect((await db.creditLine.findUniqueOrThrow({ where: { id: creditLineId } })).status).toBe("PENDING");

    const secondHead = await extraActor(world, "BRANCH_HEAD", "A1");
    await expect(decideCredit(secondHead, { creditLineId, decision: "APPROVE" })).resolves.toMatchObject({ status: "APPROVED" });
  });

  it("refuses a double approval (another head, or a different decision); the same click twice replays", async () => {
    const { enterpriseId } = await addClient(world);
    const lineId = await pendingLine(world, enterpriseId);
    const head = await world.actor("branchHead");
    const first = await decideCredit(head, { creditLineId: lineId, decision: "APPROVE" });
    const secondHead = await extraActor(world, "BRANCH_HEAD", "A1");
    const before = await countRows();
    expect(await decideCredit(head, { creditLineId: lineId, decision: "APPROVE" })).toEqual({ ...first, isReplay: true });
    expect((await failure(decideCredit(secondHead, { creditLineId: lineId, decision: "APPROVE" }))).messageKey).toBe("alreadyDecided");
    expect((await failure(decideCredit(head, { creditLineId: lineId, decision: "REJECT", reason: "改主意" }))).messageKey).toBe("alreadyDecided");
    expect(await countRows()).toEqual(before);
  });

  it("refuses approval after rejection", async () => {
    const { enterpriseId } = await addClient(world);
    const lineId = await pendingLine(world, enterpriseId);
    const head = await world.actor("branchHead");
    await decideCredit(head, { creditLineId: lineId, decision: "REJECT", reason: "资料不全" });
    const before = await countRows();
    const error = await failure(decideCredit(head, { creditLineId: lineId, decision: "APPROVE" }));
    expect([error.code, error.messageKey]).toEqual(["RULE_VIOLATION", "alreadyDecided"]);
    expect(await countRows()).toEqual(before);
    expect((await db.creditLine.findUniqueOrThrow({ where: { id: lineId } })).status).toBe("REJECTED");
  });

  it("another branch's head (and everyone but this branch's heads) gets not found and writes nothing", async () => {
    const { enterpriseId } = await addClient(world);
    const lineId = await pendingLine(world, enterpriseId);
    const otherBankHead = await extraActor(world, "BRANCH_HEAD", "B1");
    const before = await countRows();
    for (const name of ["otherBranchHead", "owner", "sameBranchManager", "headOffice", "regulator", "otherBankManager"] as const) {
      const error = await failure(decideCredit(await world.actor(name), { creditLineId: lineId, decision: "APPROVE" }));
      expect(error.code).toBe("NOT_FOUND");
    }
    expect((await failure(decideCredit(otherBankHead, { creditLineId: lineId, decision: "APPROVE" }))).code).toBe("NOT_FOUND");
    expect(await countRows()).toEqual(before);
  });

  it("concurrent approvals by two heads: one wins, the other hears alreadyDecided", async () => {
    const { enterpriseId } = await addClient(world);
    const lineId = await pendingLine(world, enterpriseId);
    const heads = [await world.actor("branchHead"), await extraActor(world, "BRANCH_HEAD", "A1")];
    const results = await Promise.allSettled(heads.map((h) => decideCredit(h, { creditLineId: lineId, decision: "APPROVE" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.stageEvent.count({ where: { causeId: lineId } })).toBe(1);
  });

  it("the database refuses self-approval even if a command forgot (CHECK credit_lines_maker_checker)", async () => {
    const { enterpriseId } = await addClient(world);
    const lineId = await pendingLine(world, enterpriseId);
    await expect(
      db.$executeRaw`UPDATE credit_lines SET status = 'APPROVED', decided_by_id = proposed_by_id, decided_at = now(), decided_on = current_date WHERE id = ${lineId}::uuid`,
    ).rejects.toThrow();
    await expect(
      db.$executeRaw`UPDATE credit_lines SET status = 'REJECTED', decided_by_id = ${world.userIds.branchHead}::uuid, decided_at = now(), decided_on = current_date WHERE id = ${lineId}::uuid`,
    ).rejects.toThrow();
  });
});

describe("withdrawCredit (the author, while pending)", () => {
  it("the author withdraws a pending proposal: 已撤回 on record, audited, gone from the head's queue; twice answers the first result", async () => {
    const { enterpriseId } = await addClient(world);
    const creditLineId = await pendingLine(world, enterpriseId);
    const owner = await world.actor("owner");
    const result = await withdrawCredit(owner, { creditLineId });
    expect(result).toMatchObject({ creditLineId, status: "WITHDRAWN", isReplay: false });
    expect((await db.creditLine.findUniqueOrThrow({ where: { id: creditLineId } })).status).toBe("WITHDRAWN");
    expect(await db.auditLog.count({ where: { action: "credit.withdraw", entityId: creditLineId, actorId: world.userIds.owner } })).toBe(1);
    const queue = await listPendingApprovals(await world.actor("branchHead"));
    expect(queue.map((r) => r.creditLineId)).not.toContain(creditLineId);
    expect(await withdrawCredit(owner, { creditLineId })).toMatchObject({ status: "WITHDRAWN", isReplay: true });
    expect(await db.auditLog.count({ where: { action: "credit.withdraw", entityId: creditLineId } })).toBe(1);
    // A withdrawn proposal cannot be approved afterwards.
    await expectError(decideCredit(await world.actor("branchHead"), { creditLineId, decision: "APPROVE" }), "RULE_VIOLATION");
  });

  it("a decided proposal cannot be withdrawn; nobody but the author may withdraw; nothing is written", async () => {
    const { enterpriseId } = await addClient(world);
    const decided = await pendingLine(world, enterpriseId);
    await decideCredit(await world.actor("branchHead"), { creditLineId: decided, decision: "REJECT", reason: "资料不全" });
    const pending = await pendingLine(world, (await addClient(world)).enterpriseId);
    const before = await countRows();
    await expectError(withdrawCredit(await world.actor("owner"), { creditLineId: decided }), "RULE_VIOLATION");
    for (const name of ["branchHead", "sameBranchManager", "headOffice", "otherBankManager"] as const) {
      await expectError(withdrawCredit(await world.actor(name), { creditLineId: pending }), "NOT_FOUND");
    }
    expect((await db.creditLine.findUniqueOrThrow({ where: { id: pending } })).status).toBe("PENDING");
    expect(await countRows()).toEqual(before);
  });
});
