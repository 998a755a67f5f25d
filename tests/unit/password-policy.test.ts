import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/auth/password-policy";

describe("password policy", () => {
  const email = "wang.lei@bank.example";
  it("refuses short, common, email-like and overlong passwords with the reason", () => {
    expect(passwordProblem("Short#2026", email)).toBe("tooShort");
    expect(passwordProblem("123456789012", email)).toBe("common");
    expect(passwordProblem("1QAZ2WSX3EDC", email)).toBe("common");
    expect(passwordProblem("wang.lei@bank.example!", email)).toBe("containsEmail");
    expect(passwordProblem("my-WANG.LEI-secret-2026", email)).toBe("containsEmail");
    expect(passwordProblem("x".repeat(129), email)).toBe("tooLong");
  });
  it("accepts a long passphrase, counting characters (not bytes) for Chinese", () => {
    expect(passwordProblem("桐乡支行走访了十二家企业", email)).toBeNull();
    expect(passwordProblem("桐乡支行走访企业", email)).toBe("tooShort");
    expect(passwordProblem("correct horse battery staple", email)).toBeNull();
  });
});
