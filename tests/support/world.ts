// A small, complete world for integration tests, built with the seed's factories:
// two banks; bank A has branches A1 and A2, bank B has B1. One enterprise E is in bank A's
// pool at branch A1, managed by `owner`. Every actor variant of the authorization matrix.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { createBank, createBranch, createClient, createEnterprise, createUser } from "@/prisma/seed/factories";

export type ActorName =
  | "signedOut"
  | "disabled"
  | "owner"
  | "sameBranchManager"
  | "otherBranchManager"
  | "otherBankManager"
  | "branchHead"
  | "otherBranchHead"
  | "headOffice"
  | "regulator";

export type World = {
  tag: string;
  bankA: string;
  bankB: string;
  branchA1: string;
  branchA2: string;
  branchB1: string;
  enterpriseId: string;
  clientId: string;
  /** An enterprise only in bank B's pool (for "other bank's id" checks). */
  otherBankEnterpriseId: string;
  userIds: Record<Exclude<ActorName, "signedOut">, string>;
  actor(name: ActorName): Promise<Actor | null>;
};

let seq = 0;

/** Builds a fresh world with unique codes, so tests can share one database. */
export async function buildWorld(options: { countyCode?: string } = {}): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  seq += 1;
  const county = options.countyCode ?? "330483";
  const bankA = await createBank(db, { code: `A-${tag}`, name: `甲银行${tag}`, nameEn: `Bank A ${tag}` });
  const bankB = await createBank(db, { code: `B-${tag}`, name: `乙银行${tag}`, nameEn: `Bank B ${tag}` });
  const branchA1 = await createBranch(db, { bankId: bankA.id, code: "A1", name: "甲一支行", nameEn: "A1", countyCode: county });
  const branchA2 = await createBranch(db, { bankId: bankA.id, code: "A2", name: "甲二支行", nameEn: "A2", countyCode: "330106" });
  const branchB1 = await createBranch(db, { bankId: bankB.id, code: "B1", name: "乙一支行", nameEn: "B1", countyCode: county });
  const user = (name: string, role: "ACCOUNT_MANAGER" | "BRANCH_HEAD" | "BANK_HEAD_OFFICE" | "REGULATOR", extra: object = {}) =>
    createUser(db, { email: `${name}.${tag}@shoudai.test`.toLowerCase(), name: `${name}-${tag}`, role, ...extra });

  const owner = await user("owner", "ACCOUNT_MANAGER", { bankId: bankA.id, branchId: branchA1.id });
  const users = {
    disabled: (await user("disabled", "ACCOUNT_MANAGER", { bankId: bankA.id, branchId: branchA1.id, isActive: false })).id,
    owner: owner.id,
    sameBranchManager: (await user("same", "ACCOUNT_MANAGER", { bankId: bankA.id, branchId: branchA1.id })).id,
    otherBranchManager: (await user("otherBranch", "ACCOUNT_MANAGER", { bankId: bankA.id, branchId: branchA2.id })).id,
    otherBankManager: (await user("otherBank", "ACCOUNT_MANAGER", { bankId: bankB.id, branchId: branchB1.id })).id,
    branchHead: (await user("head", "BRANCH_HEAD", { bankId: bankA.id, branchId: branchA1.id })).id,
    otherBranchHead: (await user("otherHead", "BRANCH_HEAD", { bankId: bankA.id, branchId: branchA2.id })).id,
    headOffice: (await user("hq", "BANK_HEAD_OFFICE", { bankId: bankA.id })).id,
    regulator: (await user("regulator", "REGULATOR", { jurisdiction: "ZHEJIANG_EXCL_NINGBO" })).id,
  };
  // Distinct USCCs per world: the sequence space is large and the tag's hash spreads them.
  const base = (parseInt(tag, 16) % 10_000_000) * 10 + seq;
  const enterprise = await createEnterprise(db, { seq: 500_000_000 + base, countyCode: county });
  const client = await createClient(db, { bankId: bankA.id, branchId: branchA1.id, enterpriseId: enterprise.id, managerId: owner.id });
  // The disabled user also "manages" a client, to prove being disabled is what denies them.
  const other = await createEnterprise(db, { seq: 600_000_000 + base, countyCode: county });
  await createClient(db, { bankId: bankB.id, branchId: branchB1.id, enterpriseId: other.id, managerId: users.otherBankManager });

  return {
    tag,
    bankA: bankA.id,
    bankB: bankB.id,
    branchA1: branchA1.id,
    branchA2: branchA2.id,
    branchB1: branchB1.id,
    enterpriseId: enterprise.id,
    clientId: client.id,
    otherBankEnterpriseId: other.id,
    userIds: users,
    actor: async (name) => {
      if (name === "signedOut") return null;
      if (name === "disabled") {
        // loadActor returns null for a disabled user; also prove a stale Actor object cannot help.
        return loadActor(db, users.disabled);
      }
      return loadActor(db, users[name]);
    },
  };
}

/** Row counts of every table a command may write, to prove "zero rows written". */
export type RowCounts = {
  visits: number; needs: number; lines: number; disbursements: number; repayments: number; stageEvents: number; audit: number; clients: number;
  enterprises: number; batches: number; memberships: number; allocations: number; allocationRules: number; assignments: number;
  users: number; activeUsers: number; branches: number; openBranches: number; banks: number; openSessions: number;
  recoveryCodes: number; activeApiTokens: number;
  notices: number; noticeRestatements: number; laggingRules: number; activeLaggingRules: number;
  assessmentSchemes: number; marketFlags: number; reviewedMarketFlags: number;
};

export async function countRows(): Promise<RowCounts> {
  const [visits, needs, lines, disbursements, repayments, stageEvents, audit, clients, enterprises, batches, memberships, allocations, allocationRules, assignments,
    users, activeUsers, branches, openBranches, banks, openSessions, recoveryCodes, activeApiTokens,
    notices, noticeRestatements, laggingRules, activeLaggingRules, assessmentSchemes, marketFlags, reviewedMarketFlags] = await Promise.all([
    db.visit.count(),
    db.financingNeed.count(),
    db.creditLine.count(),
    db.disbursement.count(),
    db.repayment.count(),
    db.stageEvent.count(),
    db.auditLog.count(),
    db.bankClient.count(),
    db.enterprise.count(),
    db.listBatch.count(),
    db.listMembership.count(),
    db.enterpriseAllocation.count(),
    db.allocationRule.count(),
    db.clientAssignment.count(),
    // Organisation admin writes these (lib/commands/admin).
    db.user.count(),
    db.user.count({ where: { isActive: true } }),
    db.branch.count(),
    db.branch.count({ where: { closedAt: null } }),
    db.bank.count(),
    db.userSession.count({ where: { endedAt: null } }),
    // The account pages write these (lib/commands/account).
    db.recoveryCode.count(),
    db.apiToken.count({ where: { revokedAt: null } }),
    // The monthly notice (lib/notices, lib/commands/notices).
    db.notice.count(),
    db.noticeRestatement.count(),
    db.laggingRule.count(),
    db.laggingRule.count({ where: { isActive: true } }),
    // Assessment schemes and market-order reviews (lib/commands/{assessment,market}).
    db.assessmentScheme.count(),
    db.marketFlag.count(),
    db.marketFlag.count({ where: { reviewedAt: { not: null } } }),
  ]);
  return {
    visits, needs, lines, disbursements, repayments, stageEvents, audit, clients, enterprises, batches, memberships, allocations, allocationRules, assignments,
    users, activeUsers, branches, openBranches, banks, openSessions, recoveryCodes, activeApiTokens,
    notices, noticeRestatements, laggingRules, activeLaggingRules,
    assessmentSchemes, marketFlags, reviewedMarketFlags,
  };
}
