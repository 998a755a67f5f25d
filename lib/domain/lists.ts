// The five lists (五张清单) and who brings each one in. Province lists come from the regulator
// (百行进万企, 小微企业园, industry authorities) and are distributed to banks (一企一行); a
// bank's own lists (its settlement-account enterprises, its supply-chain firms) go straight
// into that bank's pool and are seen by no one else.
import type { ListType, Role } from "@/lib/generated/prisma/enums";

export const LIST_TYPES = ["BANKS_VISIT_ENTERPRISES", "SME_PARK", "SUPPLY_CHAIN", "SETTLEMENT_ACCOUNT", "INDUSTRY_AUTHORITY"] as const satisfies readonly ListType[];

export const REGULATOR_LISTS: readonly ListType[] = ["BANKS_VISIT_ENTERPRISES", "SME_PARK", "INDUSTRY_AUTHORITY"];
export const BANK_LISTS: readonly ListType[] = ["SETTLEMENT_ACCOUNT", "SUPPLY_CHAIN"];

type Caller = { role: Role; bankId: string | null };

/** Which list types a caller may import. */
export function importableLists(caller: Caller): readonly ListType[] {
  if (caller.role === "REGULATOR") return REGULATOR_LISTS;
  if (caller.role === "BANK_HEAD_OFFICE" && caller.bankId) return BANK_LISTS;
  return [];
}

export function canImportList(caller: Caller, listType: ListType): boolean {
  return importableLists(caller).includes(listType);
}

/** A batch is seen by regulators when it is a province list, by a head office when it is its bank's. */
export function canSeeBatch(caller: Caller, batch: { ownerBankId: string | null }): boolean {
  if (caller.role === "REGULATOR") return batch.ownerBankId === null;
  if (caller.role === "BANK_HEAD_OFFICE") return !!caller.bankId && batch.ownerBankId === caller.bankId;
  return false;
}
