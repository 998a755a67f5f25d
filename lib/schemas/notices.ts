import { z } from "zod";
import { METRICS, isPastMonth, NOTICE_MONTH } from "@/lib/domain/notice";
import { uuid } from "@/lib/schemas/common";

/** A notice month: YYYY-MM (2000–2099). */
export const noticeMonth = z.string({ message: "required" }).trim().regex(NOTICE_MONTH, { message: "invalidMonth" });

/** Generating on demand: a month that has ended (Shanghai calendar). */
export const generateNoticeSchema = z.strictObject({
  month: noticeMonth.refine((m) => isPastMonth(m), { message: "monthNotOver" }),
});

// Thresholds: fractions for coverage, conversion and credit share (0.3 = 30 %), percent for
// the YoY of new 首贷户, days for the median; Decimal(12,4) in the table.
const threshold = z.string({ message: "required" }).trim().regex(/^-?\d{1,8}(\.\d{1,4})?$/, { message: "invalidThreshold" });

export const laggingRuleSchema = z.strictObject({
  metric: z.enum(METRICS, { message: "required" }),
  comparator: z.enum(["lt", "gt"], { message: "required" }),
  threshold,
});

export const updateLaggingRuleSchema = laggingRuleSchema.extend({ id: uuid });

export const setLaggingRuleActiveSchema = z.strictObject({
  id: uuid,
  active: z.enum(["yes", "no"], { message: "required" }),
});
