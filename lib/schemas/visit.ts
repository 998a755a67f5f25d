import { z } from "zod";
import { evenWithFieldErrors, isoDate, optional, pastOrTodayDate, uuid, yesNo, clientKey } from "@/lib/schemas/common";
import { isValidIsoDate } from "@/lib/domain/dates";
import { wanToYuan } from "@/lib/domain/money";
import { wanAmount } from "@/lib/schemas/money";

export const VISIT_MODES = ["ON_SITE", "PHONE", "ONLINE"] as const;
export const LOAN_PURPOSES = ["WORKING_CAPITAL", "FIXED_ASSETS", "EQUIPMENT", "OTHER"] as const;
export const GUARANTEE_MODES = ["PLEDGE", "MORTGAGE", "GUARANTEE", "CREDIT", "OTHER"] as const;
export const NO_NEED_REASONS = [
  "NO_NEED_NOW",
  "OWN_FUNDS_ENOUGH",
  "OTHER_CHANNEL",
  "FAILS_SCREENING",
  "CLOSED_UNREACHABLE",
  "REFUSED_VISIT",
  "OTHER",
] as const;

/** A first loan to a small or micro enterprise above 1 亿元 is not plausible input. */
export const MAX_NEED_WAN = "10000";
export const NOTES_MAX = 2000;

// One message per problem: format first, then sign, then size (see readWanAmount).
const amountWan = wanAmount(wanToYuan(MAX_NEED_WAN)!);

export const visitSchema = z
  .strictObject({
    enterpriseId: uuid,
    visitedOn: pastOrTodayDate,
    mode: z.enum(VISIT_MODES, { message: "required" }),
    hasNeed: yesNo,
    amountWan: optional(amountWan),
    termMonths: optional(z.coerce.number({ message: "termRange" }).int({ message: "termRange" }).min(1, { message: "termRange" }).max(360, { message: "termRange" })),
    purpose: optional(z.enum(LOAN_PURPOSES, { message: "required" })),
    preferredGuarantee: optional(z.enum(GUARANTEE_MODES, { message: "invalid" })),
    noNeedReason: optional(z.enum(NO_NEED_REASONS, { message: "required" })),
    notes: optional(z.string().max(NOTES_MAX, { message: "notesTooLong" })),
    followUpOn: optional(isoDate),
    clientKey: optional(clientKey),
  })
  .superRefine((v, ctx) => {
    if (v.hasNeed) {
      if (v.amountWan === undefined) ctx.addIssue({ code: "custom", path: ["amountWan"], message: "required" });
      if (v.termMonths === undefined) ctx.addIssue({ code: "custom", path: ["termMonths"], message: "required" });
      if (v.purpose === undefined) ctx.addIssue({ code: "custom", path: ["purpose"], message: "required" });
    } else if (v.noNeedReason === undefined) {
      ctx.addIssue({ code: "custom", path: ["noNeedReason"], message: "required" });
    }
    if (v.followUpOn !== undefined && isValidIsoDate(v.followUpOn) && isValidIsoDate(v.visitedOn) && v.followUpOn < v.visitedOn) {
      ctx.addIssue({ code: "custom", path: ["followUpOn"], message: "followUpBeforeVisit" });
    }
  }, evenWithFieldErrors)
  // Typed in 万元, carried on as exact yuan.
  .transform(({ amountWan, ...rest }) => ({ ...rest, amountYuan: amountWan }));

export type VisitInput = z.input<typeof visitSchema>;
export type Visit = z.output<typeof visitSchema>;
