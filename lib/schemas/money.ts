// Amounts a person types, all in 万元 (the unit of the need form and of every table). Strings
// only: a JSON number would already have gone through a float, so it is refused rather than
// converted. The schema's output is exact yuan (Money), which is what the commands store.
import { z } from "zod";
import { readWanAmount } from "@/lib/domain/amount-input";
import { MAX_CREDIT_YUAN } from "@/lib/domain/credit";
import type { Money } from "@/lib/domain/money";

/** A typed 万元 amount → yuan; commas, spaces and full-width digits are accepted (see readWanAmount). */
export function wanAmount(maxYuan: Money = MAX_CREDIT_YUAN) {
  return z.string({ message: "amountFormat" }).transform((raw, ctx) => {
    const reading = readWanAmount(raw, maxYuan);
    if (reading.ok) return reading.yuan;
    ctx.addIssue({ code: "custom", message: reading.error });
    return z.NEVER;
  });
}
