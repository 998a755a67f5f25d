import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addYears,
  availableAmount,
  daysFromNeedToCash,
  decisionViolation,
  defaultValidity,
  disbursementViolation,
  drawnAfterRepayment,
  isOpenForDrawing,
  lineBalances,
  proposalViolation,
  repaymentViolation,
  type LineForDrawing,
} from "../../lib/domain/credit";
import { compareMoney, fromCents } from "../../lib/domain/money";

describe("validity", () => {
  it("defaults to one year from today; 29 February falls back to the 28th", () => {
    expect(defaultValidity("2026-11-28")).toEqual({ validFrom: "2026-11-28", validTo: "2027-11-28" });
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
    expect(addYears("2028-02-29", 4)).toBe("2032-02-29");
  });
  it("a proposal's validity must be ordered, at most five years, and not over", () => {
    expect(proposalViolation({ validFrom: "2026-11-28", validTo: "2027-11-28", today: "2026-11-28" })).toBeNull();
    expect(proposalViolation({ validFrom: "2026-11-28", validTo: "2026-11-27", today: "2026-11-28" })).toBe("validityOrder");
    expect(proposalViolation({ validFrom: "2026-11-28", validTo: "2036-11-28", today: "2026-11-28" })).toBe("validityTooLong");
    expect(proposalViolation({ validFrom: "2025-01-01", validTo: "2025-12-31", today: "2026-11-28" })).toBe("validityEnded");
  });
});

describe("maker-checker", () => {
  const pending = { status: "PENDING" as const, proposedById: "maker", deciderId: "checker", decision: "APPROVE" as const, validTo: "2027-11-28", today: "2026-11-28" };
  it("lets another person decide a pending proposal", () => {
    expect(decisionViolation(pending)).toBeNull();
    expect(decisionViolation({ ...pending, decision: "REJECT" })).toBeNull();
  });
  it("refuses one's own proposal, a decided one, and approving an expired one", () => {
    expect(decisionViolation({ ...pending, deciderId: "maker" })).toBe("ownProposal");
    expect(decisionViolation({ ...pending, status: "APPROVED" })).toBe("alreadyDecided");
    expect(decisionViolation({ ...pending, status: "REJECTED" })).toBe("alreadyDecided");
    expect(decisionViolation({ ...pending, validTo: "2026-11-27" })).toBe("validityEnded");
    expect(decisionViolation({ ...pending, validTo: "2026-11-27", decision: "REJECT" })).toBeNull();
  });
});

describe("disbursementViolation", () => {
  const line: LineForDrawing = { status: "APPROVED", validFrom: "2026-11-01", validTo: "2027-10-31", approvedOn: "2026-11-02", limit: "1000000.00", drawn: "400000.00" };
  const ok = { line, amount: "600000.00", disbursedOn: "2026-11-28", today: "2026-11-28" };
  it("allows up to the available amount, inside the validity, after approval", () => {
    expect(disbursementViolation(ok)).toBeNull();
  });
  it.each([
    ["a line not approved", { line: { ...line, status: "PENDING" as const, approvedOn: null } }, "lineNotApproved"],
    ["a rejected line", { line: { ...line, status: "REJECTED" as const } }, "lineNotApproved"],
    ["one cent over the available amount", { amount: "600000.01" }, "exceedsAvailable"],
    ["a zero amount", { amount: "0.00" }, "amountPositive"],
    ["a future date", { disbursedOn: "2026-11-29" }, "dateInFuture"],
    ["a date before the validity", { disbursedOn: "2026-10-31", line: { ...line, approvedOn: "2026-10-01" } }, "outsideValidity"],
    ["a date after the validity", { disbursedOn: "2027-11-01", today: "2027-12-01" }, "outsideValidity"],
    ["a date before the approval", { disbursedOn: "2026-11-01" }, "beforeApproval"],
  ])("refuses %s", (_label, patch, key) => {
    expect(disbursementViolation({ ...ok, ...patch })).toBe(key);
  });
  it("never lets drawn exceed the limit (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (limit, drawnRaw, amount) => {
        const drawn = drawnRaw > limit ? limit : drawnRaw;
        const l = { ...line, limit: fromCents(limit), drawn: fromCents(drawn) };
        const violation = disbursementViolation({ ...ok, line: l, amount: fromCents(amount) });
        expect(violation === null).toBe(drawn + amount <= limit);
      }),
    );
  });
});

describe("repayments", () => {
  const ok = { amount: "100.00", repaidOn: "2026-11-28", today: "2026-11-28", firstDisbursedOn: "2026-11-20", outstanding: "100.00" };
  it("may repay up to what is outstanding", () => {
    expect(repaymentViolation(ok)).toBeNull();
    expect(repaymentViolation({ ...ok, amount: "100.01" })).toBe("exceedsOutstanding");
    expect(repaymentViolation({ ...ok, firstDisbursedOn: null, outstanding: "0.00" })).toBe("nothingOutstanding");
    expect(repaymentViolation({ ...ok, repaidOn: "2026-11-19" })).toBe("repaidBeforeDisbursed");
    expect(repaymentViolation({ ...ok, repaidOn: "2026-11-29" })).toBe("dateInFuture");
  });
  it("frees the limit on a revolving line, not on a one-off line", () => {
    expect(drawnAfterRepayment({ isRevolving: true, drawn: "500.00" }, "200.00")).toBe("300.00");
    expect(drawnAfterRepayment({ isRevolving: false, drawn: "500.00" }, "200.00")).toBe("500.00");
  });
  it("balances: available = limit − drawn, outstanding = disbursed − repaid", () => {
    // One-off line: 500 drawn, 200 repaid → still 500 drawn, 300 outstanding.
    expect(lineBalances({ limit: "1000.00", drawn: "500.00", disbursedTotal: "500.00", repaidTotal: "200.00" })).toEqual({
      available: "500.00", outstanding: "300.00", disbursedTotal: "500.00", repaidTotal: "200.00",
    });
    expect(compareMoney(availableAmount({ limit: "0.30", drawn: "0.10" }), "0.20")).toBe(0);
  });
});

describe("isOpenForDrawing and time to cash", () => {
  it("an approved line is open inside its validity only", () => {
    const line = { status: "APPROVED" as const, validFrom: "2026-11-01", validTo: "2027-10-31" };
    expect(isOpenForDrawing(line, "2026-11-28")).toBe(true);
    expect(isOpenForDrawing(line, "2027-11-01")).toBe(false);
    expect(isOpenForDrawing({ ...line, status: "PENDING" }, "2026-11-28")).toBe(false);
  });
  it("counts calendar days from the first need to the first disbursement (the article's two days)", () => {
    expect(daysFromNeedToCash("2020-06-01", "2020-06-03")).toBe(2);
    expect(daysFromNeedToCash("2020-06-01", "2020-06-01")).toBe(0);
    expect(daysFromNeedToCash(null, "2020-06-03")).toBeNull();
    expect(daysFromNeedToCash("2020-06-05", "2020-06-03")).toBeNull();
  });
});
