// The rules that flag lagging banks in a notice (coverage below 30 %, YoY of new 首贷户 below
// 0, …), edited by the provincial bureau's regulators. Rules are never deleted: a rule is
// deactivated (and may be activated again), so every notice's rules stay explainable. While
// the table holds no rule the notice uses the two defaults (lib/domain/notice.ts); the first
// edit writes those defaults as rows first, so adding a rule never silently drops them.
// Every change is audited (before/after) in its transaction.
import "server-only";
import { db } from "@/lib/db";
import type { Tx } from "@/lib/db-client";
import type { Actor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { DEFAULT_LAGGING_RULES } from "@/lib/domain/notice";
import { notFound } from "@/lib/errors";
import { canPublishNotices } from "@/lib/notices/audience";
import { parseOrThrow } from "@/lib/schemas/parse";
import { laggingRuleSchema, setLaggingRuleActiveSchema, updateLaggingRuleSchema } from "@/lib/schemas/notices";

export type LaggingRuleResult = { id: string };

const SELECT = { id: true, metric: true, comparator: true, threshold: true, isActive: true } as const;
const snapshot = (r: { metric: string; comparator: string; threshold: { toFixed(n: number): string }; isActive: boolean }) =>
  ({ metric: r.metric, comparator: r.comparator, threshold: r.threshold.toFixed(4), isActive: r.isActive });

function authorize(actor: Actor | null): Actor {
  const who = requireActor(actor);
  if (!canPublishNotices(who)) throw notFound();
  return who;
}

/** Serializes editors and writes the defaults as rows when the table is still empty. */
async function begin(tx: Tx, who: Actor): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('lagging_rules'))`;
  if ((await tx.laggingRule.count()) > 0) return;
  for (const rule of DEFAULT_LAGGING_RULES) {
    const row = await tx.laggingRule.create({ data: { ...rule, updatedById: who.userId }, select: SELECT });
    await writeAudit(tx, { actorId: who.userId, bankId: null, action: "lagging_rule.default", entityType: "lagging_rule", entityId: row.id, after: snapshot(row) });
  }
}

export async function createLaggingRule(actor: Actor | null, raw: unknown): Promise<LaggingRuleResult> {
  const who = authorize(actor);
  const input = parseOrThrow(laggingRuleSchema, raw);
  return db.$transaction(async (tx) => {
    await begin(tx, who);
    const row = await tx.laggingRule.create({ data: { ...input, updatedById: who.userId }, select: SELECT });
    await writeAudit(tx, { actorId: who.userId, bankId: null, action: "lagging_rule.create", entityType: "lagging_rule", entityId: row.id, after: snapshot(row) });
    return { id: row.id };
  });
}

export async function updateLaggingRule(actor: Actor | null, raw: unknown): Promise<LaggingRuleResult> {
  const who = authorize(actor);
  const { id, ...input } = parseOrThrow(updateLaggingRuleSchema, raw);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('lagging_rules'))`;
    const before = await tx.laggingRule.findUnique({ where: { id }, select: SELECT });
    if (!before) throw notFound();
    const row = await tx.laggingRule.update({ where: { id }, data: { ...input, updatedById: who.userId, updatedAt: new Date() }, select: SELECT });
    await writeAudit(tx, { actorId: who.userId, bankId: null, action: "lagging_rule.update", entityType: "lagging_rule", entityId: id, before: snapshot(before), after: snapshot(row) });
    return { id };
  });
}

export async function setLaggingRuleActive(actor: Actor | null, raw: unknown): Promise<LaggingRuleResult> {
  const who = authorize(actor);
  const { id, active } = parseOrThrow(setLaggingRuleActiveSchema, raw);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('lagging_rules'))`;
    const before = await tx.laggingRule.findUnique({ where: { id }, select: SELECT });
    if (!before) throw notFound();
    if (before.isActive === (active === "yes")) return { id };
    const row = await tx.laggingRule.update({ where: { id }, data: { isActive: active === "yes", updatedById: who.userId, updatedAt: new Date() }, select: SELECT });
    await writeAudit(tx, {
      actorId: who.userId, bankId: null, action: active === "yes" ? "lagging_rule.activate" : "lagging_rule.deactivate",
      entityType: "lagging_rule", entityId: id, before: snapshot(before), after: snapshot(row),
    });
    return { id };
  });
}
