import { z } from "zod";
import { evenWithFieldErrors, isoDate, onRealDate, optional, pastOrTodayDate, uuid, yesNo } from "@/lib/schemas/common";
import { GUARANTEE_MODES } from "@/lib/schemas/visit";
import { wanAmount } from "@/lib/schemas/money";
import { daysBetween, isValidIsoDate } from "@/lib/domain/dates";
import { MAX_VALIDITY_DAYS } from "@/lib/domain/credit";

export const DECISIONS = ["APPROVE", "REJECT"] as const;
export const PRODUCT_NAME_MAX = 60;
export const REASON_MAX = 500;

/** An unticked checkbox is simply absent from the form: absent means no. */
const checkbox = z.preprocess((v) => (v === undefined || v === null || v === "" ? false : v), yesNo);

const validityDate = isoDate.refine(onRealDate((d) => d >= "2015-01-01"), { message: "dateTooEarly" }).refine(onRealDate((d) => d <= "2099-12-31"), { message: "invalidDate" });

export const proposeCreditSchema = z
  .strictObject({
    enterpriseId: uuid,
    productName: z
      .string({ message: "required" })
      .trim()
      .min(1, { message: "required" })
      .max(PRODUCT_NAME_MAX, { message: "productNameTooLong" }),
    /** Typed in 万元; the parsed request carries it as yuan in `limitAmount`. */
    limitWan: wanAmount(),
    guaranteeMode: z.enum(GUARANTEE_MODES, { message: "required" }),
    hasGuaranteeInsurance: checkbox,
    hasGovGuarantee: checkbox,
    hasRiskCompensation: checkbox,
    isRevolving: yesNo,
    validFrom: validityDate,
    validTo: validityDate,
    creditCheckOn: pastOrTodayDate,
    creditCheckHasPriorLoan: yesNo,
  })
  .superRefine((v, ctx) => {
    // Runs even after a field failed (all errors in one round): only compare real dates.
    if (!isValidIsoDate(v.validFrom) || !isValidIsoDate(v.validTo)) return;
    if (v.validTo < v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "validityOrder" });
    else if (daysBetween(v.validFrom, v.validTo) > MAX_VALIDITY_DAYS) ctx.addIssue({ code: "custom", path: ["validTo"], message: "validityTooLong" });
  }, evenWithFieldErrors)
  .transform(({ limitWan, ...rest }) => ({ ...rest, limitAmount: limitWan }));

export type ProposeCreditInput = z.input<typeof proposeCreditSchema>;
export type ProposeCredit = z.output<typeof proposeCreditSchema>;

export const decideCreditSchema = z
  .strictObject({
    creditLineId: uuid,
    decision: z.enum(DECISIONS, { message: "required" }),
    reason: optional(z.string().trim().max(REASON_MAX, { message: "reasonTooLong" })),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "REJECT" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "reasonRequired" });
  }, evenWithFieldErrors);

export type DecideCreditInput = z.input<typeof decideCreditSchema>;
export type DecideCredit = z.output<typeof decideCreditSchema>;

/** The author withdraws a proposal still waiting for a decision. */
export const withdrawCreditSchema = z.strictObject({ creditLineId: uuid });
