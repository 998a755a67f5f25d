// Inputs of the distribution screens (publishing a list, the county → bank allocation table,
// the coverage view). Messages are catalog keys: errors.* or allocation.errors.*.
import { z } from "zod";
import { uuid } from "@/lib/schemas/common";
import { findCounty } from "@/lib/domain/regions";

export const publishBatchSchema = z.strictObject({ batchId: uuid });

/** Most banks a county's rule may name (a form shows this many rows at most). */
export const MAX_RULE_BANKS = 12;

const ruleRow = z.object({
  bankId: uuid,
  share: z.coerce.number({ message: "shareRange" }).int({ message: "shareRange" }).min(1, { message: "shareRange" }).max(100, { message: "shareRange" }),
});

// A form posts rows as bank_0/share_0, bank_1/share_1 … (FormData keeps one value per name);
// a JSON caller sends rules: [{ bankId, share }]. Rows left completely empty are dropped.
function rowsFromForm(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const input = raw as Record<string, unknown>;
  if ("rules" in input) return input;
  const rules: { bankId: unknown; share: unknown }[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const m = /^(bank|share)_(\d{1,2})$/.exec(key);
    if (!m) {
      rest[key] = value;
      continue;
    }
    const i = Number(m[2]);
    if (i >= MAX_RULE_BANKS) return { ...input, rules: "tooMany" };
    rules[i] ??= { bankId: "", share: "" };
    rules[i]![m[1] === "bank" ? "bankId" : "share"] = value;
  }
  return { ...rest, rules: rules.filter((r) => r && (r.bankId !== "" || r.share !== "")) };
}

export const setAllocationRulesSchema = z.preprocess(rowsFromForm, z.strictObject({
  countyCode: z.string({ message: "required" }).refine((c) => !!findCounty(c), { message: "unknownCounty" }),
  // Empty: the county has no rule any more (its enterprises stay unallocated until one is set).
  rules: z.array(ruleRow, { message: "invalid" }).max(MAX_RULE_BANKS, { message: "tooManyBanks" }),
}));
export type SetAllocationRulesInput = z.output<typeof setAllocationRulesSchema>;

export const coverageParamsSchema = z.object({
  ningbo: z.enum(["include", "exclude"]).optional().catch(undefined),
  /** Drill-down: the counties of one city. */
  city: z.string().regex(/^33\d{2}00$/).optional().catch(undefined),
});
export type CoverageParams = z.output<typeof coverageParamsSchema>;
