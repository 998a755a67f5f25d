// A scoring scheme as the head office enters it: a name, the first day it applies, and six
// weights in percent (up to two decimals) that sum to exactly 100.
import { z } from "zod";
import { isoDate, onRealDate } from "@/lib/schemas/common";
import type { IndicatorKey } from "@/lib/assessment/score";

const weight = z
  .string({ message: "required" })
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, { message: "weightFormat" })
  .refine((v) => Number(v) <= 100, { message: "weightFormat" });

export const WEIGHT_FIELDS: Record<IndicatorKey, string> = {
  newFirstLoans: "weightNewFirstLoans",
  firstLoanAmount: "weightFirstLoanAmount",
  coverage: "weightCoverage",
  conversion: "weightConversion",
  partners: "weightPartner",
  timeliness: "weightTimeliness",
};

/** Hundredths, so the sum is exact. */
export const toHundredths = (v: string) => Math.round(Number(v) * 100);

export const createSchemeSchema = z
  .object({
    name: z.string({ message: "required" }).trim().min(1, { message: "required" }).max(80, { message: "tooLong" }),
    validFrom: isoDate.refine(onRealDate((d) => d >= "2019-01-01" && d <= "2099-12-31"), { message: "invalidDate" }),
    weightNewFirstLoans: weight,
    weightFirstLoanAmount: weight,
    weightCoverage: weight,
    weightConversion: weight,
    weightPartner: weight,
    weightTimeliness: weight,
  })
  .superRefine((v, ctx) => {
    const total = [v.weightNewFirstLoans, v.weightFirstLoanAmount, v.weightCoverage, v.weightConversion, v.weightPartner, v.weightTimeliness]
      .reduce((s, w) => s + toHundredths(w), 0);
    if (total !== 10_000) ctx.addIssue({ code: "custom", path: ["weights"], message: "weightsSum" });
  });
export type CreateSchemeInput = z.output<typeof createSchemeSchema>;
