import "server-only";
// The lagging rules as the regulator edits them (/notices/rules). While the table is empty
// the two defaults apply; they are listed as such (no id: the first edit writes them).
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { DEFAULT_LAGGING_RULES, type Metric } from "@/lib/domain/notice";
import { canPublishNotices } from "@/lib/notices/audience";

export type LaggingRuleRow = { id: string | null; metric: Metric; comparator: "lt" | "gt"; threshold: string; isActive: boolean; updatedAt: string | null };

export async function listLaggingRules(actor: Actor | null): Promise<{ rules: LaggingRuleRow[]; isDefault: boolean } | null> {
  if (!canPublishNotices(actor)) return null;
  const rows = await db.laggingRule.findMany({ orderBy: [{ isActive: "desc" }, { metric: "asc" }, { updatedAt: "asc" }] });
  if (rows.length === 0) {
    return { isDefault: true, rules: DEFAULT_LAGGING_RULES.map((r) => ({ id: null, ...r, isActive: true, updatedAt: null })) };
  }
  return {
    isDefault: false,
    rules: rows.map((r) => ({
      id: r.id, metric: r.metric as Metric, comparator: r.comparator as "lt" | "gt", threshold: r.threshold.toFixed(4), isActive: r.isActive, updatedAt: r.updatedAt.toISOString(),
    })),
  };
}
