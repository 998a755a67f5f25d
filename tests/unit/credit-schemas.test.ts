import { describe, expect, it } from "vitest";
import { decideCreditSchema, proposeCreditSchema } from "../../lib/schemas/credit";
import { disbursementSchema, repaymentSchema } from "../../lib/schemas/money-movement";

const id = "00000000-0000-4000-8000-000000000001";
const proposal = {
  enterpriseId: id, productName: "小微首贷快贷", limitWan: "1,000", guaranteeMode: "CREDIT", isRevolving: "yes",
  validFrom: "2026-11-28", validTo: "2027-11-28", creditCheckOn: "2026-11-27", creditCheckHasPriorLoan: "no",
};

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? {} : Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0] ?? "_form"), i.message]));
}

describe("proposeCreditSchema", () => {
  it("parses 万元 into exact 元, unticked checkboxes as no", () => {
    const parsed = proposeCreditSchema.parse({ ...proposal, hasGovGuarantee: "on" });
    expect(parsed.limitAmount).toBe("10000000.00");
    expect("limitWan" in parsed).toBe(false);
    expect([parsed.hasGuaranteeInsurance, parsed.hasGovGuarantee, parsed.hasRiskCompensation]).toEqual([false, true, false]);
    expect(parsed.isRevolving).toBe(true);
  });
  it.each([
    ["a JSON number (already a float)", { limitWan: 100 }, "limitWan", "amountFormat"],
    ["finer than a cent", { limitWan: "1.0000001" }, "limitWan", "amountDecimals"],
    ["NaN", { limitWan: "NaN" }, "limitWan", "amountFormat"],
    ["an exponent", { limitWan: "1e2" }, "limitWan", "amountFormat"],
    ["a negative amount", { limitWan: "-5" }, "limitWan", "amountPositive"],
    ["more than 1 亿元", { limitWan: "10000.000001" }, "limitWan", "amountTooLarge"],
    ["the old yuan field", { limitAmount: "1000000" }, "_form", undefined],
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

it("reports every problem of a form in one round, cross-field checks included", () => {
  const result = proposeCreditSchema.safeParse({ ...proposal, productName: "", limitWan: "abc", validFrom: "2026-11-28", validTo: "2026-11-01", creditCheckOn: "bad" });
  expect(errorsOf(result)).toEqual({ productName: "required", limitWan: "amountFormat", validTo: "validityOrder", creditCheckOn: "invalidDate" });
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
    const base = { creditLineId: id, amountWan: "100", disbursedOn: "2026-11-27", type: "NEW" };
    expect(errorsOf(disbursementSchema.safeParse(base)).idempotencyKey).toBe("required");
    expect(errorsOf(disbursementSchema.safeParse({ ...base, idempotencyKey: "short" })).idempotencyKey).toBe("invalid");
    expect(disbursementSchema.parse({ ...base, idempotencyKey: "abcdefgh12" }).amount).toBe("1000000.00");
    expect(errorsOf(disbursementSchema.safeParse({ ...base, idempotencyKey: "abcdefgh12", type: "GIFT" })).type).toBe("required");
    expect(repaymentSchema.parse({ creditLineId: id, amountWan: "0.000001", repaidOn: "2026-11-27", idempotencyKey: "abcdefgh12" }).amount).toBe("0.01");
    expect(errorsOf(repaymentSchema.safeParse({ creditLineId: id, amountWan: "0.0000001", repaidOn: "2026-11-27", idempotencyKey: "abcdefgh12" })).amountWan).toBe("amountDecimals");
  });
});
