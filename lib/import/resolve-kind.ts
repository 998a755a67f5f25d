// The kind-of-entity cell (主体类型) → the registry's EnterpriseKind; null when the cell says
// something else, and the caller falls back on the USCC's second character.
import type { UsccKind } from "@/lib/domain/uscc";
import { lookupKey } from "./text";

const KINDS: Record<UsccKind, readonly string[]> = {
  ENTERPRISE: [
    "企业", "公司", "有限责任公司", "有限公司", "股份有限公司", "个人独资企业", "合伙企业", "私营企业", "内资企业",
    "enterprise", "company", "corporation",
  ],
  INDIVIDUAL_BUSINESS: ["个体工商户", "个体户", "个体", "个体经营户", "individualbusiness", "individual", "soleproprietor"],
  FARMER_COOPERATIVE: [
    "农民专业合作社", "农民合作社", "专业合作社", "合作社", "农村合作社", "farmercooperative", "farmerscooperative", "cooperative",
  ],
  OTHER: ["其他", "其它", "other", "others"],
};

const BY_KEY = new Map<string, UsccKind>();
for (const [kind, names] of Object.entries(KINDS) as [UsccKind, readonly string[]][]) {
  for (const name of names) BY_KEY.set(name, kind);
  BY_KEY.set(kind.toLowerCase().replace("_", ""), kind);
}

const cache = new Map<string, UsccKind | null>();

export function resolveKind(raw: string): UsccKind | null {
  let kind = cache.get(raw);
  if (kind === undefined) {
    kind = BY_KEY.get(lookupKey(raw).replace(/[_\-.]/g, "")) ?? null;
    if (cache.size >= 20_000) cache.clear();
    cache.set(raw, kind);
  }
  return kind;
}
