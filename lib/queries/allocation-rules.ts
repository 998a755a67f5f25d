import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { CITIES, countiesOf } from "@/lib/domain/regions";

export type RuleShareView = { bankId: string; bankName: string; bankNameEn: string; share: number };
export type CountyRulesView = { code: string; name: string; nameEn: string; rules: RuleShareView[] };
export type AllocationRulesView = {
  cities: { code: string; name: string; nameEn: string; counties: CountyRulesView[] }[];
  banks: { id: string; code: string; name: string; nameEn: string }[];
  withRules: number;
  withoutRules: number;
};

/**
 * The regulator's allocation table: every county of the province, grouped by city, with its
 * banks and shares (none where no rule is set yet). Regulators only; null for everyone else.
 */
export async function getAllocationRules(actor: Actor | null): Promise<AllocationRulesView | null> {
  if (!actor || actor.role !== "REGULATOR") return null;
  const [rules, banks] = await Promise.all([
    db.allocationRule.findMany({
      select: { countyCode: true, bankId: true, share: true, bank: { select: { code: true, name: true, nameEn: true } } },
    }),
    db.bank.findMany({ select: { id: true, code: true, name: true, nameEn: true }, orderBy: { code: "asc" } }),
  ]);
  const byCounty = new Map<string, RuleShareView[]>();
  for (const r of rules.sort((a, b) => b.share - a.share || (a.bank.code < b.bank.code ? -1 : 1))) {
    const list = byCounty.get(r.countyCode) ?? [];
    list.push({ bankId: r.bankId, bankName: r.bank.name, bankNameEn: r.bank.nameEn, share: r.share });
    byCounty.set(r.countyCode, list);
  }
  const cities = CITIES.map((city) => ({
    code: city.code,
    name: city.name,
    nameEn: city.nameEn,
    counties: countiesOf(city.code).map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn, rules: byCounty.get(c.code) ?? [] })),
  }));
  const all = cities.flatMap((c) => c.counties);
  const withRules = all.filter((c) => c.rules.length > 0).length;
  return { cities, banks, withRules, withoutRules: all.length - withRules };
}
