import "server-only";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { clientReadScope, rollupScope } from "@/lib/auth/scope";
import { readDb } from "@/lib/db";
import { rollupReads } from "@/lib/rollups/reader";
import { todayInShanghai } from "@/lib/domain/dates";
import { previousYear, resolvePeriod, type Period, type PeriodInput, type ResolvedPeriod } from "@/lib/domain/period";
import { STAGES } from "@/lib/domain/stage";
import { toIsoDate } from "@/lib/commands/dates";
import { toRow, type RollupRow } from "@/lib/queries/province-rollup";

export type ManagerHome = {
  period: ResolvedPeriod;
  previousPeriod: Period;
  byStage: { stage: Stage; count: number }[];
  poolSize: number;
  dueToday: number;
  overdue: number;
  followUps: { enterpriseId: string; name: string; on: string; stage: Stage }[];
  pending: { count: number; items: { enterpriseId: string; name: string; amount: string; proposedOn: string }[] };
  /** Decisions on the manager's own proposals in the last 30 days, newest first. */
  decisions: { creditLineId: string; enterpriseId: string; name: string; amount: string; status: "APPROVED" | "REJECTED"; decidedAt: string; reason: string | null }[];
  mine: RollupRow;
};

/** An account manager's home: their pool by stage, follow-ups due, pending proposals, own figures. */
export async function getManagerHome(actor: Actor | null, input: PeriodInput, today = todayInShanghai()): Promise<ManagerHome | null> {
  const db = readDb(actor);
  const scope = rollupScope(actor);
  if (!scope || scope.level !== "manager") return null;
  const rollups = await rollupReads(actor);
  const mine = clientReadScope(actor);
  const period = resolvePeriod(input, today);
  const previous = previousYear(period);
  const todayDate = new Date(`${today}T00:00:00Z`);
  const since = new Date(Date.now() - 30 * 86_400_000);
  const [stages, dueToday, overdue, followUps, pendingCount, pending, decisions, figures] = await Promise.all([
    db.bankClient.groupBy({ by: ["stage"], where: mine, _count: { _all: true } }),
    db.bankClient.count({ where: { AND: [mine, { nextFollowUpOn: todayDate }] } }),
    db.bankClient.count({ where: { AND: [mine, { nextFollowUpOn: { lt: todayDate } }] } }),
    db.bankClient.findMany({
      where: { AND: [mine, { nextFollowUpOn: { lte: todayDate } }] },
      orderBy: [{ nextFollowUpOn: "asc" }, { id: "asc" }],
      take: 10,
      select: { stage: true, nextFollowUpOn: true, enterprise: { select: { id: true, name: true } } },
    }),
    db.creditLine.count({ where: { status: "PENDING", client: mine } }),
    db.creditLine.findMany({
      where: { status: "PENDING", client: mine },
      orderBy: { proposedAt: "asc" },
      take: 5,
      select: { limitAmount: true, proposedAt: true, enterprise: { select: { id: true, name: true } } },
    }),
    db.creditLine.findMany({
      where: { proposedById: scope.managerId, status: { in: ["APPROVED", "REJECTED"] }, decidedAt: { gte: since }, client: mine },
      orderBy: [{ decidedAt: "desc" }, { id: "asc" }],
      take: 5,
      select: { id: true, status: true, limitAmount: true, decidedAt: true, decisionReason: true, enterprise: { select: { id: true, name: true } } },
    }),
    rollups.sum({ period, previous, group: "total", filter: { cities: "all", managerId: scope.managerId } }),
  ]);
  const counts = new Map(stages.map((s) => [s.stage, s._count._all]));
  return {
    period,
    previousPeriod: previous,
    byStage: STAGES.map((stage) => ({ stage, count: counts.get(stage) ?? 0 })),
    poolSize: stages.reduce((s, x) => s + x._count._all, 0),
    dueToday,
    overdue,
    followUps: followUps.map((c) => ({ enterpriseId: c.enterprise.id, name: c.enterprise.name, on: toIsoDate(c.nextFollowUpOn!), stage: c.stage })),
    pending: {
      count: pendingCount,
      items: pending.map((l) => ({ enterpriseId: l.enterprise.id, name: l.enterprise.name, amount: l.limitAmount.toFixed(2), proposedOn: l.proposedAt.toISOString().slice(0, 10) })),
    },
    decisions: decisions.map((l) => ({
      creditLineId: l.id, enterpriseId: l.enterprise.id, name: l.enterprise.name, amount: l.limitAmount.toFixed(2),
      status: l.status as "APPROVED" | "REJECTED", decidedAt: l.decidedAt!.toISOString(), reason: l.decisionReason,
    })),
    mine: toRow("me", "", "", figures.get("total")),
  };
}
