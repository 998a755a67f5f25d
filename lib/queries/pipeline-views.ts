// DTOs of the money path on the enterprise page (credit lines and their timeline entries),
// mapped from rows that getPipeline has already loaded inside the actor's scope. Plain
// mapping only: no reads here.
import "server-only";
import type { CreditStatus, DisbursementType, GuaranteeMode } from "@/lib/generated/prisma/enums";
import { isOpenForDrawing, lineBalances } from "@/lib/domain/credit";
import { sumMoney } from "@/lib/domain/money";
import { toIsoDate } from "@/lib/commands/dates";

type Dec = { toFixed(digits: number): string };

/** The credit-line columns toLineViews maps: one select for every query that shows a line. */
export const lineRowSelect = {
  id: true, status: true, productName: true, limitAmount: true, drawnAmount: true, guaranteeMode: true,
  hasGuaranteeInsurance: true, hasGovGuarantee: true, hasRiskCompensation: true, isRevolving: true,
  validFrom: true, validTo: true, creditCheckOn: true, creditCheckHasPriorLoan: true,
  proposedById: true, proposedAt: true, proposedBy: { select: { name: true } },
  decidedAt: true, decidedOn: true, decidedBy: { select: { name: true } }, decisionReason: true,
} as const;

export type LineRow = {
  id: string;
  status: CreditStatus;
  productName: string;
  limitAmount: Dec;
  drawnAmount: Dec;
  guaranteeMode: GuaranteeMode;
  hasGuaranteeInsurance: boolean;
  hasGovGuarantee: boolean;
  hasRiskCompensation: boolean;
  isRevolving: boolean;
  validFrom: Date;
  validTo: Date;
  creditCheckOn: Date;
  creditCheckHasPriorLoan: boolean;
  proposedById: string;
  proposedAt: Date;
  proposedBy: { name: string };
  decidedAt: Date | null;
  decidedOn: Date | null;
  decidedBy: { name: string } | null;
  decisionReason: string | null;
};

export type DisbursementRow = {
  id: string;
  creditLineId: string;
  amount: Dec;
  disbursedOn: Date;
  type: DisbursementType;
  isFirstEver: boolean;
  createdAt: Date;
  recordedBy: { name: string };
};

export type RepaymentRow = { id: string; creditLineId: string; amount: Dec; repaidOn: Date; createdAt: Date; recordedBy: { name: string } };

export type CreditLineView = {
  id: string;
  status: CreditStatus;
  productName: string;
  limit: string;
  drawn: string;
  available: string;
  disbursedTotal: string;
  repaidTotal: string;
  outstanding: string;
  guaranteeMode: GuaranteeMode;
  supports: ("GUARANTEE_INSURANCE" | "GOV_GUARANTEE" | "RISK_COMPENSATION")[];
  isRevolving: boolean;
  validFrom: string;
  validTo: string;
  creditCheckOn: string;
  creditCheckHasPriorLoan: boolean;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  isOpenForDrawing: boolean;
  hasOutstanding: boolean;
  /** Whether the viewer (a branch head of the client's branch, not the proposer) may decide it. */
  canDecide: boolean;
  /** Whether the viewer proposed it and it still waits: the author may withdraw it. */
  canWithdraw: boolean;
};

export type MoneyTimelineItem =
  | { kind: "proposal"; id: string; at: string; by: string; productName: string; limit: string; isRevolving: boolean }
  | { kind: "decision"; id: string; at: string; by: string; productName: string; status: "APPROVED" | "REJECTED"; reason: string | null; limit: string }
  | { kind: "disbursement"; id: string; at: string; by: string; on: string; amount: string; type: DisbursementType; isFirstEver: boolean; productName: string }
  | { kind: "repayment"; id: string; at: string; by: string; on: string; amount: string; productName: string };

export function toLineViews(
  lines: LineRow[],
  disbursements: DisbursementRow[],
  repayments: RepaymentRow[],
  viewer: { userId: string; canDecideHere: boolean },
  today: string,
): CreditLineView[] {
  return lines.map((line) => {
    const limit = line.limitAmount.toFixed(2);
    const drawn = line.drawnAmount.toFixed(2);
    const balances = lineBalances({
      limit,
      drawn,
      disbursedTotal: sumMoney(disbursements.filter((d) => d.creditLineId === line.id).map((d) => d.amount.toFixed(2))),
      repaidTotal: sumMoney(repayments.filter((r) => r.creditLineId === line.id).map((r) => r.amount.toFixed(2))),
    });
    const validity = { status: line.status, validFrom: toIsoDate(line.validFrom), validTo: toIsoDate(line.validTo) };
    return {
      id: line.id,
      status: line.status,
      productName: line.productName,
      limit,
      drawn,
      ...balances,
      guaranteeMode: line.guaranteeMode,
      supports: [
        ...(line.hasGuaranteeInsurance ? (["GUARANTEE_INSURANCE"] as const) : []),
        ...(line.hasGovGuarantee ? (["GOV_GUARANTEE"] as const) : []),
        ...(line.hasRiskCompensation ? (["RISK_COMPENSATION"] as const) : []),
      ],
      isRevolving: line.isRevolving,
      validFrom: validity.validFrom,
      validTo: validity.validTo,
      creditCheckOn: toIsoDate(line.creditCheckOn),
      creditCheckHasPriorLoan: line.creditCheckHasPriorLoan,
      proposedBy: line.proposedBy.name,
      proposedAt: line.proposedAt.toISOString(),
      decidedBy: line.decidedBy?.name ?? null,
      decidedAt: line.decidedAt?.toISOString() ?? null,
      decisionReason: line.decisionReason,
      isOpenForDrawing: isOpenForDrawing(validity, today),
      hasOutstanding: balances.outstanding !== "0.00",
      canDecide: line.status === "PENDING" && viewer.canDecideHere && line.proposedById !== viewer.userId,
      canWithdraw: line.status === "PENDING" && line.proposedById === viewer.userId,
    };
  });
}

export function moneyTimeline(lines: LineRow[], disbursements: DisbursementRow[], repayments: RepaymentRow[]): MoneyTimelineItem[] {
  const product = new Map(lines.map((l) => [l.id, l.productName]));
  const items: MoneyTimelineItem[] = [];
  for (const line of lines) {
    const limit = line.limitAmount.toFixed(2);
    items.push({ kind: "proposal", id: line.id, at: line.proposedAt.toISOString(), by: line.proposedBy.name, productName: line.productName, limit, isRevolving: line.isRevolving });
    if ((line.status === "APPROVED" || line.status === "REJECTED") && line.decidedAt) {
      items.push({
        kind: "decision", id: line.id, at: line.decidedAt.toISOString(), by: line.decidedBy?.name ?? "—",
        productName: line.productName, status: line.status, reason: line.decisionReason, limit,
      });
    }
  }
  for (const d of disbursements) {
    items.push({
      kind: "disbursement", id: d.id, at: d.createdAt.toISOString(), by: d.recordedBy.name, on: toIsoDate(d.disbursedOn),
      amount: d.amount.toFixed(2), type: d.type, isFirstEver: d.isFirstEver, productName: product.get(d.creditLineId) ?? "",
    });
  }
  for (const r of repayments) {
    items.push({
      kind: "repayment", id: r.id, at: r.createdAt.toISOString(), by: r.recordedBy.name, on: toIsoDate(r.repaidOn),
      amount: r.amount.toFixed(2), productName: product.get(r.creditLineId) ?? "",
    });
  }
  return items;
}
