// The pipeline stage is derived from facts, never sent by a form.
//
//   无贷户 NO_LOAN          listed (in this bank's pool), nothing recorded yet
//   需求已登记 NEED_REGISTERED a financing need is on record (by phone, online or on site)
//   已走访 VISITED           visited on site
//   已授信 CREDIT_GRANTED    a credit line of this bank was approved
//   首贷户 FIRST_LOAN        this bank disbursed the enterprise's first-ever bank loan
//   本行新客户 NEW_TO_BANK    this bank disbursed, but the enterprise had borrowed before
//                           (first-ever loan elsewhere, or the credit-bureau check found one)
//   伙伴客户 PARTNER         a 首贷户 kept as a partner: the rule is a further credit line from
//                           the same bank approved on or after the first loan's date
//                           (a renewal or another product). A second drawdown on the first
//                           line does not count: it is the same credit decision; keeping the
//                           client means deciding to lend again. A line approved before the
//                           first loan (two lines granted up front) does not count either.
//
// Only a 首贷户 becomes a partner: a 本行新客户 stays one (the programme follows enterprises
// that never borrowed before).
import type { Stage } from "@/lib/generated/prisma/enums";

export const STAGES: readonly Stage[] = [
  "NO_LOAN",
  "NEED_REGISTERED",
  "VISITED",
  "CREDIT_GRANTED",
  "FIRST_LOAN",
  "NEW_TO_BANK",
  "PARTNER",
] as const;

export type StageFacts = {
  hasNeed: boolean;
  hasOnSiteVisit: boolean;
  /** Approval dates (YYYY-MM-DD) of this bank's approved credit lines, with their ids. */
  approvedLines: { id: string; approvedOn: string }[];
  /** This bank's first disbursement to the enterprise, if any. */
  firstDisbursement: { creditLineId: string; disbursedOn: string; isFirstEver: boolean } | null;
};

export function deriveStage(facts: StageFacts): Stage {
  const first = facts.firstDisbursement;
  if (first) {
    if (!first.isFirstEver) return "NEW_TO_BANK";
    const hasFurtherLine = facts.approvedLines.some(
      (line) => line.id !== first.creditLineId && line.approvedOn >= first.disbursedOn,
    );
    return hasFurtherLine ? "PARTNER" : "FIRST_LOAN";
  }
  if (facts.approvedLines.length > 0) return "CREDIT_GRANTED";
  if (facts.hasOnSiteVisit) return "VISITED";
  if (facts.hasNeed) return "NEED_REGISTERED";
  return "NO_LOAN";
}

/**
 * Whether a disbursement is the enterprise's first-ever bank loan (the 首贷 fact, which belongs
 * to the earliest disbursement anywhere): the credit-bureau check before it found no earlier
 * loan, and no disbursement to the enterprise, at any bank, is recorded on or before its date.
 * A disbursement recorded late but dated before the current first loan takes the fact over
 * (the caller then clears the flag on the one it replaces); on the same day, the one recorded
 * first keeps it.
 */
export function isFirstEverLoan(input: {
  /** Date of the earliest disbursement to the enterprise recorded anywhere, or null. */
  earliestRecordedLoanOn: string | null;
  disbursedOn: string;
  creditCheckHasPriorLoan: boolean;
}): boolean {
  if (input.creditCheckHasPriorLoan) return false;
  return input.earliestRecordedLoanOn === null || input.disbursedOn < input.earliestRecordedLoanOn;
}
