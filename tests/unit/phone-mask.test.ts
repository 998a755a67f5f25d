import { describe, expect, it } from "vitest";
import { maskPhone } from "@/lib/domain/phone-mask";

describe("maskPhone", () => {
  it.each([
    ["13812341569", "138****1569"],
    ["0573-88001234", "0573-****1234"],
    ["010-12345678-123", "010-****5678"],
    ["021-1234567", "021-****4567"],
    ["+8613812341569", "**********1569"],
    ["12345", "****5"],
    ["", "****"],
  ])("%s → %s", (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it("never shows more than four digits of a number in a row", () => {
    for (const phone of ["13812341569", "0573-88001234", "+8613812341569", "057388001234"]) {
      expect(maskPhone(phone)).not.toMatch(/\d{5,}/);
    }
  });
});
