// 一企一行 by county rule: a county's unallocated enterprises are split among the rule's banks
// by share, with exact counts (largest remainder). Pure, so the batch preview, the rules
// editor and the tests agree with the set-based SQL in lib/commands/publish-batch.ts, which
// implements the same arithmetic:
//   base_i = floor(n·share_i / Σshare), rem_i = n·share_i mod Σshare;
//   the n − Σbase leftover units go one each to the largest remainders, ties by bank code;
//   enterprises ordered by USCC take consecutive ranges, banks in bank-code order.

export type RuleShare = { bankKey: string; share: number };

export type Apportioned = { bankKey: string; count: number };

/** Exact counts per bank for n enterprises; returned in bank-key order. Σcount = n. */
export function apportion(n: number, shares: readonly RuleShare[]): Apportioned[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`apportion: bad n ${n}`);
  const sorted = [...shares].sort((a, b) => compareKeys(a.bankKey, b.bankKey));
  const total = sorted.reduce((sum, s) => sum + s.share, 0);
  if (sorted.length === 0 || total <= 0) return sorted.map((s) => ({ bankKey: s.bankKey, count: 0 }));
  const rows = sorted.map((s) => ({ bankKey: s.bankKey, base: Math.floor((n * s.share) / total), rem: (n * s.share) % total }));
  const leftover = n - rows.reduce((sum, r) => sum + r.base, 0);
  const byRemainder = [...rows].sort((a, b) => b.rem - a.rem || compareKeys(a.bankKey, b.bankKey));
  const bonus = new Set(byRemainder.slice(0, leftover).map((r) => r.bankKey));
  return rows.map((r) => ({ bankKey: r.bankKey, count: r.base + (bonus.has(r.bankKey) ? 1 : 0) }));
}

/**
 * Which bank takes each item: items sorted by their stable key (USCC) fill the banks' ranges
 * in bank-key order. Returns item key → bank key.
 */
export function assignByRule(itemKeys: readonly string[], shares: readonly RuleShare[]): Map<string, string> {
  const items = [...itemKeys].sort(compareKeys);
  const counts = apportion(items.length, shares);
  const result = new Map<string, string>();
  let at = 0;
  for (const { bankKey, count } of counts) {
    for (let i = 0; i < count; i++) result.set(items[at++]!, bankKey);
  }
  return result;
}

/** A county's shares are valid when every share is 1–100, no bank twice, and they sum to 100. */
export function sharesProblem(shares: readonly RuleShare[]): "empty" | "shareRange" | "duplicateBank" | "sumNot100" | null {
  if (shares.length === 0) return "empty";
  if (shares.some((s) => !Number.isInteger(s.share) || s.share < 1 || s.share > 100)) return "shareRange";
  if (new Set(shares.map((s) => s.bankKey)).size !== shares.length) return "duplicateBank";
  if (shares.reduce((sum, s) => sum + s.share, 0) !== 100) return "sumNot100";
  return null;
}

// Byte order (PostgreSQL's C collation of ASCII codes and USCCs), not the locale's order.
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
