// Credit lines (授信) and the money drawn on them (用信): pure rules, no I/O. Commands call these
// with what they read inside their transaction; the database backs the money rules up with
// CHECKs (drawn between 0 and the limit) and a conditional update (see record-disbursement).
//
// Balances of a line:
//   drawn       the part of the limit in use. A disbursement adds to it. On a revolving line a
//               repayment frees that much again (drawn goes down); on a one-off line the limit
//               is used up by drawing, so a repayment does not lower drawn (the money is
//               recorded, the limit does not come back).
//   available   limit − drawn: what may still be disbursed.
//   outstanding Σ disbursed − Σ repaid: what the enterprise owes on the line. Repayments may
//               not exceed it. (Revolving: outstanding = drawn; one-off: drawn − repaid.)
import { addMoney, compareMoney, isPositive, subMoney, type Money } from "@/lib/domain/money";
import { daysBetween, isValidIsoDate, type IsoDate } from "@/lib/domain/dates";

export type CreditStatus = "PENDING" | "APPROVED" | "REJECTED" | "WITHDRAWN";

/** A first loan to a small or micro enterprise above 1 亿元 is not plausible input. */
export const MAX_CREDIT_YUAN: Money = "100000000.00";
/** Lines run a year as a rule; anything past five years is a typing error. */
export const MAX_VALIDITY_DAYS = 5 * 366;

/** The same calendar day `years` later; 29 February falls back to the 28th. */
export function addYears(iso: IsoDate, years: number): IsoDate {
  const y = String(Number(iso.slice(0, 4)) + years).padStart(4, "0");
  const candidate = `${y}${iso.slice(4)}`;
  return isValidIsoDate(candidate) ? candidate : `${y}-02-28`;
}

/** The form's default validity: from today, for one year. */
export function defaultValidity(today: IsoDate): { validFrom: IsoDate; validTo: IsoDate } {
  return { validFrom: today, validTo: addYears(today, 1) };
}

/** Catalog keys (errors.*) of the rule a request breaks, or null when it is fine. */
export type Violation = string | null;

export function proposalViolation(input: { validFrom: IsoDate; validTo: IsoDate; today: IsoDate }): Violation {
  if (input.validTo < input.validFrom) return "validityOrder";
  if (daysBetween(input.validFrom, input.validTo) > MAX_VALIDITY_DAYS) return "validityTooLong";
  if (input.validTo < input.today) return "validityEnded";
  return null;
}

/**
 * Maker-checker: only a pending proposal can be decided, never by the person who proposed it,
 * and a line whose validity has already ended cannot be approved.
 */
export function decisionViolation(input: {
  status: CreditStatus;
  proposedById: string;
  deciderId: string;
  decision: "APPROVE" | "REJECT";
  validTo: IsoDate;
  today: IsoDate;
}): Violation {
  if (input.status !== "PENDING") return "alreadyDecided";
  if (input.proposedById === input.deciderId) return "ownProposal";
  if (input.decision === "APPROVE" && input.validTo < input.today) return "validityEnded";
  return null;
}

export type LineForDrawing = {
  status: CreditStatus;
  validFrom: IsoDate;
  validTo: IsoDate;
  /** Approval date; null while not approved. */
  approvedOn: IsoDate | null;
  limit: Money;
  drawn: Money;
};

export function availableAmount(line: { limit: Money; drawn: Money }): Money {
  return subMoney(line.limit, line.drawn);
}

/**
 * A disbursement needs an approved line, a date inside the line's validity (not before the
 * approval, not in the future) and no more than the available amount. The amount check here
 * is advisory: under concurrency the conditional update in the database decides.
 */
export function disbursementViolation(input: { line: LineForDrawing; amount: Money; disbursedOn: IsoDate; today: IsoDate }): Violation {
  const { line, amount, disbursedOn, today } = input;
  if (line.status !== "APPROVED" || line.approvedOn === null) return "lineNotApproved";
  if (!isPositive(amount)) return "amountPositive";
  if (disbursedOn > today) return "dateInFuture";
  if (disbursedOn < line.validFrom || disbursedOn > line.validTo) return "outsideValidity";
  if (disbursedOn < line.approvedOn) return "beforeApproval";
  if (compareMoney(amount, availableAmount(line)) > 0) return "exceedsAvailable";
  return null;
}

/**
 * A repayment needs a line with money out, a date not in the future and not before the first
 * disbursement, and may not exceed what is outstanding.
 */
export function repaymentViolation(input: {
  amount: Money;
  repaidOn: IsoDate;
  today: IsoDate;
  firstDisbursedOn: IsoDate | null;
  outstanding: Money;
}): Violation {
  if (!isPositive(input.amount)) return "amountPositive";
  if (input.firstDisbursedOn === null) return "nothingOutstanding";
  if (input.repaidOn > input.today) return "dateInFuture";
  if (input.repaidOn < input.firstDisbursedOn) return "repaidBeforeDisbursed";
  if (compareMoney(input.amount, input.outstanding) > 0) return "exceedsOutstanding";
  return null;
}

/** How a repayment changes drawn: revolving lines free the limit again, one-off lines do not. */
export function drawnAfterRepayment(line: { isRevolving: boolean; drawn: Money }, amount: Money): Money {
  return line.isRevolving ? subMoney(line.drawn, amount) : line.drawn;
}

export function lineBalances(input: { limit: Money; drawn: Money; disbursedTotal: Money; repaidTotal: Money }) {
  return {
    available: availableAmount(input),
    outstanding: subMoney(input.disbursedTotal, input.repaidTotal),
    disbursedTotal: addMoney(input.disbursedTotal, "0"),
    repaidTotal: addMoney(input.repaidTotal, "0"),
  };
}

/** Whether money can be drawn on the line today (approved and inside its validity). */
export function isOpenForDrawing(line: { status: CreditStatus; validFrom: IsoDate; validTo: IsoDate }, today: IsoDate): boolean {
  return line.status === "APPROVED" && line.validFrom <= today && today <= line.validTo;
}

/**
 * Days from the first recorded financing need to the first disbursement (the programme's
 * "time to cash"; the article's example took two days). Null until both are known, and when
 * the need was recorded after the money (a loan logged without a need first).
 */
export function daysFromNeedToCash(firstNeedOn: IsoDate | null, firstDisbursedOn: IsoDate | null): number | null {
  if (!firstNeedOn || !firstDisbursedOn) return null;
  const days = daysBetween(firstNeedOn, firstDisbursedOn);
  return days >= 0 ? days : null;
}
