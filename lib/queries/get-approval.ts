import "server-only";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { approvalScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { uuid } from "@/lib/schemas/common";
import { toIsoDate } from "@/lib/commands/dates";
import { lineRowSelect, toLineViews, type CreditLineView } from "@/lib/queries/pipeline-views";
import { todayInShanghai } from "@/lib/domain/dates";

export type ApprovalDetail = {
  line: CreditLineView;
  enterprise: { id: string; name: string; uscc: string; cityCode: string; countyCode: string; industry: string };
  client: { stage: Stage; managerName: string | null; firstNeedOn: string | null };
  /** Needs this bank recorded for the enterprise, newest first (what the proposal answers). */
  needs: { raisedOn: string; amount: string; termMonths: number; purpose: string }[];
  isOwn: boolean;
};

/** One proposal as its branch head sees it; null for anyone else (like an unknown id). */
export async function getApproval(actor: Actor | null, creditLineId: string): Promise<ApprovalDetail | null> {
  if (!uuid.safeParse(creditLineId).success) return null;
  const line = await db.creditLine.findFirst({
    where: { id: creditLineId, client: approvalScope(actor) },
    select: {
      ...lineRowSelect,
      clientId: true,
      client: { select: { stage: true, firstNeedAt: true, manager: { select: { name: true } } } },
      enterprise: { select: { id: true, name: true, uscc: true, cityCode: true, countyCode: true, industry: true } },
    },
  });
  if (!line) return null;
  const needs = await db.financingNeed.findMany({
    where: { clientId: line.clientId },
    orderBy: { raisedOn: "desc" },
    take: 5,
    select: { raisedOn: true, amount: true, termMonths: true, purpose: true },
  });
  const [view] = toLineViews([line], [], [], { userId: actor?.userId ?? "", canDecideHere: true }, todayInShanghai());
  return {
    line: view!,
    enterprise: line.enterprise,
    client: {
      stage: line.client.stage,
      managerName: line.client.manager?.name ?? null,
      firstNeedOn: line.client.firstNeedAt ? toIsoDate(line.client.firstNeedAt) : null,
    },
    needs: needs.map((n) => ({ raisedOn: toIsoDate(n.raisedOn), amount: n.amount.toFixed(2), termMonths: n.termMonths, purpose: n.purpose })),
    isOwn: line.proposedById === actor?.userId,
  };
}
