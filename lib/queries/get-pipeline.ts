import "server-only";
import type { AssignmentKind, Stage } from "@/lib/generated/prisma/enums";
import { STAGE_BANDS, stageBand, type StageBand } from "@/lib/domain/stage-band";
import type { Actor } from "@/lib/auth/actor";
import { approvalScope, clientReadScope, clientWorkScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { uuid } from "@/lib/schemas/common";
import { toIsoDate } from "@/lib/commands/dates";
import { daysFromNeedToCash } from "@/lib/domain/credit";
import { todayInShanghai } from "@/lib/domain/dates";
import { maskPhone } from "@/lib/domain/phone-mask";
import { lineRowSelect, moneyTimeline, toLineViews, type CreditLineView, type MoneyTimelineItem } from "@/lib/queries/pipeline-views";

export type TimelineItem =
  | {
      kind: "visit";
      id: string;
      at: string;
      on: string;
      by: string;
      mode: string;
      hasNeed: boolean;
      noNeedReason: string | null;
      notes: string;
      followUpOn: string | null;
      need: { amount: string; termMonths: number; purpose: string; preferredGuarantee: string | null } | null;
    }
  | { kind: "stage"; id: string; at: string; by: string | null; from: Stage | null; to: Stage; cause: string }
  | AssignmentTimelineItem
  | MoneyTimelineItem;

/** A change of branch or manager (client_assignments), with names as they are now. */
export type AssignmentTimelineItem = {
  kind: "assignment";
  id: string;
  at: string;
  by: string | null;
  assignKind: AssignmentKind;
  fromBranch: string | null;
  toBranch: string | null;
  fromManager: string | null;
  toManager: string | null;
  reason: string | null;
};

export type Pipeline = {
  enterprise: {
    id: string;
    name: string;
    uscc: string;
    kind: string;
    cityCode: string;
    countyCode: string;
    industry: string;
    legalRepName: string | null;
    /** Masked (138****1569): the full number is a separate, audited request (lib/commands/reveal-phone.ts). */
    legalRepPhoneMasked: string | null;
    lists: { listType: string; batchName: string; listedOn: string }[];
  };
  client: {
    id: string;
    stage: Stage;
    /** Null while the client waits at head office for a branch. */
    branchName: string | null;
    managerId: string | null;
    managerName: string | null;
    nextFollowUpOn: string | null;
    firstNeedOn: string | null;
    firstDisbursedOn: string | null;
    /** Days from the first recorded need to the first disbursement (time to cash). */
    daysNeedToCash: number | null;
  };
  canWork: boolean;
  /** The head of the client's branch may give it to another manager of the branch. */
  canReassign: boolean;
  /**
   * Other banks serving this enterprise (the registry is shared): only their coarse stage
   * bands, most advanced first, one entry per band — never a bank's name, people, notes or amounts.
   */
  otherBankBands: StageBand[];
  /** Credit lines of this bank for the enterprise, newest first, with limit, drawn, available. */
  lines: CreditLineView[];
  timeline: TimelineItem[];
};

/**
 * One enterprise as the actor's bank sees it. Null when the actor may not see this bank
 * client, which the page shows exactly like an unknown id.
 */
export async function getPipeline(actor: Actor | null, enterpriseId: string): Promise<Pipeline | null> {
  if (!uuid.safeParse(enterpriseId).success) return null;
  const client = await db.bankClient.findFirst({
    where: { AND: [clientReadScope(actor), { enterpriseId }] },
    select: {
      id: true,
      bankId: true,
      managerId: true,
      stage: true,
      nextFollowUpOn: true,
      firstNeedAt: true,
      firstDisbursedAt: true,
      branch: { select: { name: true } },
      manager: { select: { name: true } },
      enterprise: {
        select: {
          id: true, name: true, uscc: true, kind: true, cityCode: true, countyCode: true, industry: true,
          legalRepName: true, legalRepPhone: true,
          memberships: { select: { listType: true, listedOn: true, batch: { select: { name: true } } }, orderBy: { listedOn: "asc" } },
        },
      },
    },
  });
  if (!client) return null;
  const [canWork, canDecideHere, visits, events, lines, disbursements, repayments, assignments, otherStages] = await Promise.all([
    db.bankClient.count({ where: { AND: [clientWorkScope(actor), { id: client.id }] } }).then((n) => n > 0),
    db.bankClient.count({ where: { AND: [approvalScope(actor), { id: client.id }] } }).then((n) => n > 0),
    db.visit.findMany({
      where: { clientId: client.id },
      orderBy: [{ visitedOn: "desc" }, { createdAt: "desc" }],
      select: {
        id: true, createdAt: true, visitedOn: true, mode: true, hasNeed: true, noNeedReason: true, notes: true, followUpOn: true,
        user: { select: { name: true } },
        need: { select: { amount: true, termMonths: true, purpose: true, preferredGuarantee: true } },
      },
    }),
    db.stageEvent.findMany({
      where: { clientId: client.id },
      orderBy: { at: "desc" },
      select: { id: true, at: true, fromStage: true, toStage: true, cause: true, actor: { select: { name: true } } },
    }),
    db.creditLine.findMany({
      where: { clientId: client.id },
      orderBy: { proposedAt: "desc" },
      select: lineRowSelect,
    }),
    db.disbursement.findMany({
      where: { creditLine: { clientId: client.id } },
      orderBy: { createdAt: "desc" },
      select: { id: true, creditLineId: true, amount: true, disbursedOn: true, type: true, isFirstEver: true, createdAt: true, recordedBy: { select: { name: true } } },
    }),
    db.repayment.findMany({
      where: { creditLine: { clientId: client.id } },
      orderBy: { createdAt: "desc" },
      select: { id: true, creditLineId: true, amount: true, repaidOn: true, createdAt: true, recordedBy: { select: { name: true } } },
    }),
    assignmentHistory(client.id),
    // Stages only: the other bank's row is read for its band and nothing else.
    db.bankClient.findMany({ where: { enterpriseId, bankId: { not: client.bankId } }, select: { stage: true } }),
  ]);
  const bands = new Set(otherStages.map((o) => stageBand(o.stage)));
  const timeline: TimelineItem[] = [
    ...visits.map((v): TimelineItem => ({
      kind: "visit",
      id: v.id,
      at: v.createdAt.toISOString(),
      on: toIsoDate(v.visitedOn),
      by: v.user.name,
      mode: v.mode,
      hasNeed: v.hasNeed,
      noNeedReason: v.noNeedReason,
      notes: v.notes,
      followUpOn: v.followUpOn ? toIsoDate(v.followUpOn) : null,
      need: v.need
        ? { amount: v.need.amount.toFixed(2), termMonths: v.need.termMonths, purpose: v.need.purpose, preferredGuarantee: v.need.preferredGuarantee }
        : null,
    })),
    ...events.map((e): TimelineItem => ({
      kind: "stage",
      id: String(e.id),
      at: e.at.toISOString(),
      by: e.actor?.name ?? null,
      from: e.fromStage,
      to: e.toStage,
      cause: e.cause,
    })),
    ...assignments,
    ...moneyTimeline(lines, disbursements, repayments),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1
    // One bulk move stamps its rows with one time: they keep the query's order (newest id first).
    : a.kind === "assignment" && b.kind === "assignment" ? 0
    : a.kind === "stage" ? -1 : 1));

  const e = client.enterprise;
  const firstNeedOn = client.firstNeedAt ? toIsoDate(client.firstNeedAt) : null;
  const firstDisbursedOn = client.firstDisbursedAt ? toIsoDate(client.firstDisbursedAt) : null;
  return {
    enterprise: {
      id: e.id, name: e.name, uscc: e.uscc, kind: e.kind, cityCode: e.cityCode, countyCode: e.countyCode, industry: e.industry,
      legalRepName: e.legalRepName, legalRepPhoneMasked: e.legalRepPhone === null ? null : maskPhone(e.legalRepPhone),
      lists: e.memberships.map((m) => ({ listType: m.listType, batchName: m.batch.name, listedOn: toIsoDate(m.listedOn) })),
    },
    client: {
      id: client.id,
      stage: client.stage,
      branchName: client.branch?.name ?? null,
      managerId: client.managerId,
      managerName: client.manager?.name ?? null,
      nextFollowUpOn: client.nextFollowUpOn ? toIsoDate(client.nextFollowUpOn) : null,
      firstNeedOn,
      firstDisbursedOn,
      daysNeedToCash: daysFromNeedToCash(firstNeedOn, firstDisbursedOn),
    },
    canWork,
    // Same scope as deciding credit: the head of the client's own branch.
    canReassign: canDecideHere && !!client.branch,
    otherBankBands: [...STAGE_BANDS].reverse().filter((band) => bands.has(band)),
    lines: toLineViews(lines, disbursements, repayments, { userId: actor?.userId ?? "", canDecideHere }, todayInShanghai()),
    timeline,
  };
}

/** The client's assignment history, newest first, with branch and people's names resolved. */
async function assignmentHistory(clientId: string): Promise<AssignmentTimelineItem[]> {
  const rows = await db.$queryRaw<{
    id: string; kind: AssignmentKind; at: Date; reason: string | null; by: string | null;
    from_branch: string | null; to_branch: string | null; from_manager: string | null; to_manager: string | null;
  }[]>`
    SELECT ca.id::text, ca.kind, ca.at, ca.reason, a.name AS by,
           fb.name AS from_branch, tb.name AS to_branch, fm.name AS from_manager, tm.name AS to_manager
    FROM client_assignments ca
    LEFT JOIN users a ON a.id = ca.actor_id
    LEFT JOIN branches fb ON fb.id = ca.from_branch_id
    LEFT JOIN branches tb ON tb.id = ca.to_branch_id
    LEFT JOIN users fm ON fm.id = ca.from_manager_id
    LEFT JOIN users tm ON tm.id = ca.to_manager_id
    WHERE ca.client_id = ${clientId}::uuid
    ORDER BY ca.at DESC, ca.id DESC`;
  return rows.map((r) => ({
    kind: "assignment",
    id: r.id,
    at: r.at.toISOString(),
    by: r.by,
    assignKind: r.kind,
    fromBranch: r.from_branch,
    toBranch: r.to_branch,
    fromManager: r.from_manager,
    toManager: r.to_manager,
    reason: r.reason,
  }));
}
