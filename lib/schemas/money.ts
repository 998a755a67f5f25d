// Amounts typed in 元 (credit limits, disbursements, repayments). Strings only: a JSON number
// would already have gone through a float, so it is refused rather than converted.
import { z } from "zod";
import { compareMoney, isPositive, parseYuan } from "@/lib/domain/money";
import { MAX_CREDIT_YUAN } from "@/lib/domain/credit";

export const yuanAmount = z
  .string({ message: "amountFormatYuan" })
  .trim()
  .min(1, { message: "required", abort: true })
  .max(40, { message: "amountFormatYuan", abort: true })
  .refine((v) => parseYuan(v) !== null, { message: "amountFormatYuan", abort: true })
  .transform((v) => parseYuan(v)!)
  .refine(isPositive, { message: "amountPositive", abort: true })
  .refine((v) => compareMoney(v, MAX_CREDIT_YUAN) <= 0, { message: "amountTooLargeYuan" });
