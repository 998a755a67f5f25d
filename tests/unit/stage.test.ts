import { describe, expect, it } from "vitest";
import { deriveStage, isFirstEverLoan, type StageFacts } from "../../lib/domain/stage";

const none: StageFacts = { hasNeed: false, hasOnSiteVisit: false, approvedLines: [], firstDisbursement: null };

describe("deriveStage", () => {
  it("walks 无贷户 → 需求已登记 → 已走访 → 已授信 from facts", () => {
    expect(deriveStage(none)).toBe("NO_LOAN");
    expect(deriveStage({ ...none, hasNeed: true })).toBe("NEED_REGISTERED");
    expect(deriveStage({ ...none, hasNeed: true, hasOnSiteVisit: true })).toBe("VISITED");
    expect(deriveStage({ ...none, hasOnSiteVisit: true })).toBe("VISITED");
    expect(deriveStage({ ...none, approvedLines: [{ id: "L1", approvedOn: "2026-03-01" }] })).toBe("CREDIT_GRANTED");
  });

  it("首贷户 when this bank disbursed the enterprise's first-ever loan", () => {
    const facts: StageFacts = {
      ...none,
      approvedLines: [{ id: "L1", approvedOn: "2026-03-01" }],
      firstDisbursement: { creditLineId: "L1", disbursedOn: "2026-03-03", isFirstEver: true },
    };
    expect(deriveStage(facts)).toBe("FIRST_LOAN");
  });

  it("本行新客户 when the first loan here was not the first ever (elsewhere, or the credit check found one)", () => {
    const facts: StageFacts = {
      ...none,
      approvedLines: [{ id: "L1", approvedOn: "2026-03-01" }, { id: "L2", approvedOn: "2026-06-01" }],
      firstDisbursement: { creditLineId: "L1", disbursedOn: "2026-03-03", isFirstEver: false },
    };
    // A further line does not make a 本行新客户 a partner: the programme follows first loans.
    expect(deriveStage(facts)).toBe("NEW_TO_BANK");
  });

  describe("伙伴客户: a further line from the same bank approved on or after the first loan's date", () => {
    const first = { creditLineId: "L1", disbursedOn: "2026-03-03", isFirstEver: true };
    it.each([
      ["a renewal approved months later", [{ id: "L2", approvedOn: "2026-09-01" }], "PARTNER"],
      ["another product approved on the first loan's day", [{ id: "L2", approvedOn: "2026-03-03" }], "PARTNER"],
      ["a second line approved before the first loan (granted up front)", [{ id: "L2", approvedOn: "2026-03-02" }], "FIRST_LOAN"],
      ["only the first line (a second drawdown on it is the same decision)", [], "FIRST_LOAN"],
    ] as const)("%s", (_label, further, expected) => {
      const facts: StageFacts = { ...none, approvedLines: [{ id: "L1", approvedOn: "2026-03-01" }, ...further], firstDisbursement: first };
      expect(deriveStage(facts)).toBe(expected);
    });
  });
});

describe("isFirstEverLoan", () => {
  it("is the first loan when no loan is on record anywhere and the credit check found none", () => {
    expect(isFirstEverLoan({ earliestRecordedLoanOn: null, disbursedOn: "2026-03-03", creditCheckHasPriorLoan: false })).toBe(true);
  });
  it("is not when the credit-bureau check showed an earlier loan", () => {
    expect(isFirstEverLoan({ earliestRecordedLoanOn: null, disbursedOn: "2026-03-03", creditCheckHasPriorLoan: true })).toBe(false);
  });
  it("is not when a loan (any bank) is recorded on or before its date; the same day keeps the one recorded first", () => {
    expect(isFirstEverLoan({ earliestRecordedLoanOn: "2026-03-01", disbursedOn: "2026-03-03", creditCheckHasPriorLoan: false })).toBe(false);
    expect(isFirstEverLoan({ earliestRecordedLoanOn: "2026-03-03", disbursedOn: "2026-03-03", creditCheckHasPriorLoan: false })).toBe(false);
  });
  it("takes the fact over when recorded late but dated before the current first loan", () => {
    expect(isFirstEverLoan({ earliestRecordedLoanOn: "2026-03-05", disbursedOn: "2026-03-03", creditCheckHasPriorLoan: false })).toBe(true);
  });
});
