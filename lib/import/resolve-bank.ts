// The 对接银行 cell → a bank id, by code ("ICBC"), name ("工商银行", "中国工商银行",
// "中国工商银行股份有限公司") or English name, or a branch written under the bank's name
// ("工商银行桐乡支行"). Banks are few; answers are memoised per cell text.
import type { BankRef } from "./check-row";
import { lookupKey } from "./text";

const LEGAL_SUFFIX = /(股份有限公司|有限责任公司|有限公司|co\.?,?ltd\.?|limited)$/;

function variants(name: string): string[] {
  const k = lookupKey(name);
  const bare = k.replace(LEGAL_SUFFIX, "");
  const out = [k, bare];
  for (const v of [k, bare]) {
    if (v.startsWith("中国") && v.length > 4) out.push(v.slice(2));
    else out.push(`中国${v}`);
  }
  return out;
}

export function makeBankResolver(banks: readonly BankRef[]): (raw: string) => string | null {
  const byKey = new Map<string, string>();
  for (const bank of banks) {
    byKey.set(lookupKey(bank.code), bank.id);
    for (const name of [bank.name, bank.nameEn]) for (const v of variants(name)) if (!byKey.has(v)) byKey.set(v, bank.id);
  }
  // Longest first, so "浙江农商银行" is not taken for a shorter bank name inside it.
  const prefixes = [...byKey.keys()].filter((k) => k.length >= 4).sort((a, b) => b.length - a.length);
  const cache = new Map<string, string | null>();
  return (raw) => {
    let id = cache.get(raw);
    if (id === undefined) {
      const k = lookupKey(raw);
      id = byKey.get(k) ?? byKey.get(k.replace(LEGAL_SUFFIX, "")) ?? null;
      if (id === null) {
        const prefix = prefixes.find((p) => k.startsWith(p));
        id = prefix ? byKey.get(prefix)! : null;
      }
      if (cache.size >= 20_000) cache.clear();
      cache.set(raw, id);
    }
    return id;
  };
}
