import { describe, expect, it } from "vitest";
import { decideCreditSchema, proposeCreditSchema } from "../../lib/schemas/credit";
import { disbursementSchema, repaymentSchema } from "../../lib/schemas/money-movement";

const id = "00000000-0000-4000-8000-000000000001";
const proposal = {
  enterpriseId: id, productName: "小微首贷快贷", limitAmount: "1,000,000", guaranteeMode: "CREDIT", isRevolving: "yes",
  validFrom: "2026-11-28", validTo: "2027-11-28", creditCheckOn: "2026-11-27", creditCheckHasPriorLoan: "no",
};

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? {} : Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0] ?? "_form"), i.message]));
}

describe("proposeCreditSchema", () => {
  it("parses 元 exactly, unticked checkboxes as no", () => {
    const parsed = proposeCreditSchema.parse({ ...proposal, hasGovGuarantee: "on" });
    expect(parsed.limitAmount).toBe("1000000.00");
    expect([parsed.hasGuaranteeInsurance, parsed.hasGovGuarantee, parsed.hasRiskCompensation]).toEqual([false, true, false]);
    expect(parsed.isRevolving).toBe(true);
  });
  it.each([
    ["a JSON number (already a float)", { limitAmount: 1000000 }, "limitAmount", "amountFormatYuan"],
    ["three decimals", { limitAmount: "1.001" }, "limitAmount", "amountFormatYuan"],
    ["NaN", { limitAmount: "NaN" }, "limitAmount", "amountFormatYuan"],
    ["an exponent", { limitAmount: "1e6" }, "limitAmount", "amountFormatYuan"],
    ["a negative amount", { limitAmount: "-5" }, "limitAmount", "amountPositive"],
    ["more than 1 亿元", { limitAmount: "100000000.01" }, "limitAmount", "amountTooLargeYuan"],
    ["an empty product", { productName: "  " }, "productName", "required"],
    ["an overlong product", { productName: "贷".repeat(61) }, "productName", "productNameTooLong"],
    ["validity out of order", { validTo: "2026-11-01" }, "validTo", "validityOrder"],
    ["validity over five years", { validTo: "2032-11-28" }, "validTo", "validityTooLong"],
    ["an unknown guarantee", { guaranteeMode: "HANDSHAKE" }, "guaranteeMode", "required"],
    ["no credit-check answer", { creditCheckHasPriorLoan: undefined }, "creditCheckHasPriorLoan", "required"],
    ["an extra key", { status: "APPROVED" }, "_form", undefined],
    // Regression (found by the hostile-input test): object checks ran on a non-date and threw.
    ["a non-date validity next to an extra key", { validTo: "3", " ": [] }, "validTo", "invalidDate"],
  ])("refuses %s", (_label, patch, field, message) => {
    const errors = errorsOf(proposeCreditSchema.safeParse({ ...proposal, ...patch }));
    expect(Object.keys(errors)).toContain(field);
    if (message) expect(errors[field]).toBe(message);
  });
});

describe("decideCreditSchema", () => {
  it("needs a reason to reject, not to approve", () => {
    expect(decideCreditSchema.safeParse({ creditLineId: id, decision: "APPROVE" }).success).toBe(true);
    expect(errorsOf(decideCreditSchema.safeParse({ creditLineId: id, decision: "REJECT", reason: " " }))).toEqual({ reason: "reasonRequired" });
    expect(errorsOf(decideCreditSchema.safeParse({ creditLineId: id, decision: "REJECT", reason: "x".repeat(501) })).reason).toBe("reasonTooLong");
  });
});

describe("disbursement and repayment schemas", () => {
  it("need an idempotency key of 8–64 url-safe characters", () => {
    const base = { creditLineId: id, amount: "100", disbursedOn: "2026-11-27", type: "NEW" };
    expect(errorsOf(disbursementSchema.safeParse(base)).idempotencyKey).toBe("required");
    expect(errorsOf(disbursementSchema.safeParse({ ...base, idempotencyKey: "short" })).idempotencyKey).toBe("invalid");
    expect(disbursementSchema.parse({ ...base, idempotencyKey: "abcdefgh12" }).amount).toBe("100.00");
    expect(errorsOf(disbursementSchema.safeParse({ ...base, idempotencyKey: "abcdefgh12", type: "GIFT" })).type).toBe("required");
    expect(errorsOf(repaymentSchema.safeParse({ creditLineId: id, amount: "0.001", repaidOn: "2026-11-27", idempotencyKey: "abcdefgh12" })).amount).toBe("amountFormatYuan");
  });
});
