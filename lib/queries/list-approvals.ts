import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { approvalScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";

export type ApprovalRow = {
  creditLineId: string;
  enterpriseId: string;
  enterpriseName: string;
  productName: string;
  limit: string;
  isRevolving: boolean;
  guaranteeMode: string;
  proposedBy: string;
  proposedAt: string;
  /** The viewer proposed it: another head of the branch must decide (maker-checker). */
  isOwn: boolean;
};

/** A branch head's queue: pending proposals of their branch, oldest first. Empty for everyone else. */
export async function listPendingApprovals(actor: Actor | null): Promise<ApprovalRow[]> {
  const lines = await db.creditLine.findMany({
    where: { status: "PENDING", client: approvalScope(actor) },
    orderBy: { proposedAt: "asc" },
    take: 200,
    select: {
      id: true, enterpriseId: true, productName: true, limitAmount: true, isRevolving: true, guaranteeMode: true,
      proposedAt: true, proposedById: true, proposedBy: { select: { name: true } }, enterprise: { select: { name: true } },
    },
  });
  return lines.map((line) => ({
    creditLineId: line.id,
    enterpriseId: line.enterpriseId,
    enterpriseName: line.enterprise.name,
    productName: line.productName,
    limit: line.limitAmount.toFixed(2),
    isRevolving: line.isRevolving,
    guaranteeMode: line.guaranteeMode,
    proposedBy: line.proposedBy.name,
    proposedAt: line.proposedAt.toISOString(),
    isOwn: line.proposedById === actor?.userId,
  }));
}
