// Fixtures for the money path, built with the same commands the forms use (propose as the
// account manager, approve as the branch head), on top of buildWorld's banks and people.
import { randomInt, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { proposeCredit } from "@/lib/commands/propose-credit";
import { decideCredit } from "@/lib/commands/decide-credit";
import { addYears } from "@/lib/domain/credit";
import { todayInShanghai } from "@/lib/domain/dates";
import { yuanToWan } from "@/lib/domain/money";
import { createClient, createEnterprise, createUser } from "@/prisma/seed/factories";
import type { World } from "./world";

/** An idempotency key as the form makes one. */
export function newKey(): string {
  return randomUUID().replace(/-/g, "");
}

/** Another enterprise in the pool of bank A, branch A1, managed by the world's owner (or in bank B's). */
export async function addClient(world: World, options: { bank?: "A" | "B" } = {}): Promise<{ enterpriseId: string; clientId: string }> {
  // Random, far above the ranges buildWorld and the demo seed use: USCCs stay unique.
  const seq = 1_000_000_000 + randomInt(0, 2 ** 40);
  const enterprise = await createEnterprise(db, { seq, countyCode: "330483" });
  const isB = options.bank === "B";
  const client = await createClient(db, {
    bankId: isB ? world.bankB : world.bankA,
    branchId: isB ? world.branchB1 : world.branchA1,
    enterpriseId: enterprise.id,
    managerId: isB ? world.userIds.otherBankManager : world.userIds.owner,
  });
  return { enterpriseId: enterprise.id, clientId: client.id };
}

/** Puts an existing enterprise into bank B's pool too (for first-loan-elsewhere cases). */
export async function addToBankB(world: World, enterpriseId: string): Promise<string> {
  const client = await createClient(db, { bankId: world.bankB, branchId: world.branchB1, enterpriseId, managerId: world.userIds.otherBankManager });
  return client.id;
}

/** One more person, e.g. a second head of branch A1 or a head of bank B's branch. */
export async function extraActor(world: World, role: "BRANCH_HEAD" | "ACCOUNT_MANAGER", where: "A1" | "B1"): Promise<Actor> {
  const user = await createUser(db, {
    email: `${role}.${where}.${randomUUID().slice(0, 8)}.${world.tag}@shoudai.test`.toLowerCase(),
    name: `${role}-${where}-${world.tag}`,
    role,
    bankId: where === "A1" ? world.bankA : world.bankB,
    branchId: where === "A1" ? world.branchA1 : world.branchB1,
  });
  return (await loadActor(db, user.id))!;
}

/**
 * A proposal as the form sends it. Tests name amounts in yuan, as they read them back: an
 * override `limitAmount` (yuan, default 1,000,000) is sent as the form's `limitWan` (万元).
 */
export function proposalInput(enterpriseId: string, overrides: Record<string, unknown> = {}, today = todayInShanghai()) {
  const { limitAmount = "1000000", ...rest } = overrides;
  return {
    enterpriseId,
    productName: "小微首贷快贷",
    limitWan: yuanToWan(String(limitAmount)),
    guaranteeMode: "CREDIT",
    hasGovGuarantee: "on",
    isRevolving: "yes",
    validFrom: today,
    validTo: addYears(today, 1),
    creditCheckOn: today,
    creditCheckHasPriorLoan: "no",
    ...rest,
  };
}

/** A disbursement as the form sends it: `yuan` (as the test reads it back) goes as `amountWan`. */
export function disbursementInput(creditLineId: string, yuan: string, overrides: Record<string, unknown> = {}) {
  return { creditLineId, amountWan: yuanToWan(yuan), disbursedOn: todayInShanghai(), type: "NEW", idempotencyKey: newKey(), ...overrides };
}

/** A repayment as the form sends it: `yuan` (as the test reads it back) goes as `amountWan`. */
export function repaymentInput(creditLineId: string, yuan: string, overrides: Record<string, unknown> = {}) {
  return { creditLineId, amountWan: yuanToWan(yuan), repaidOn: todayInShanghai(), idempotencyKey: newKey(), ...overrides };
}

/** Proposes (as `proposer`, default the owner) and approves (as `approver`, default the branch head). */
export async function approvedLine(
  world: World,
  enterpriseId: string,
  overrides: Record<string, unknown> = {},
  people: { proposer?: Actor | null; approver?: Actor | null; today?: string } = {},
): Promise<string> {
  const proposer = people.proposer ?? (await world.actor("owner"));
  const approver = people.approver ?? (await world.actor("branchHead"));
  const today = people.today ?? todayInShanghai();
  const { creditLineId } = await proposeCredit(proposer, proposalInput(enterpriseId, overrides, today), { today });
  await decideCredit(approver, { creditLineId, decision: "APPROVE" }, { today });
  return creditLineId;
}

export async function pendingLine(world: World, enterpriseId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const { creditLineId } = await proposeCredit(await world.actor("owner"), proposalInput(enterpriseId, overrides));
  return creditLineId;
}

export async function lineState(creditLineId: string) {
  const line = await db.creditLine.findUniqueOrThrow({ where: { id: creditLineId }, select: { drawnAmount: true, limitAmount: true, status: true } });
  const [d, r, n] = await Promise.all([
    db.disbursement.aggregate({ where: { creditLineId }, _sum: { amount: true } }),
    db.repayment.aggregate({ where: { creditLineId }, _sum: { amount: true } }),
    db.disbursement.count({ where: { creditLineId } }),
  ]);
  return {
    status: line.status,
    limit: line.limitAmount.toFixed(2),
    drawn: line.drawnAmount.toFixed(2),
    disbursed: d._sum.amount?.toFixed(2) ?? "0.00",
    repaid: r._sum.amount?.toFixed(2) ?? "0.00",
    disbursements: n,
  };
}
