import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/http/safe-path";

describe("safeRedirectPath", () => {
  it.each([
    ["/\\evil.example/x"],
    ["/\\\\evil.example"],
    ["\\\\evil.example"],
    ["/\tevil"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["/\r/evil.example"],
    ["//evil"],
    ["///evil"],
    ["/.//evil"],
    ["/..//evil"],
    ["https://evil"],
    ["http://shoudai.invalid/pool"],
    ["javascript:alert(1)"],
    ["evil.example"],
    [" /pool"],
    ["/pool\u0000"],
    [""],
    [null],
    [undefined],
  ])("refuses %j", (raw) => {
    expect(safeRedirectPath(raw)).toBe("/");
  });

  it("uses the given fallback when refusing", () => {
    expect(safeRedirectPath("//evil", "/sign-in")).toBe("/sign-in");
  });

  it.each([
    ["/", "/"],
    ["/pool", "/pool"],
    ["/enterprises/abc?tab=visits#notes", "/enterprises/abc?tab=visits#notes"],
    ["/regulator?period=month&month=2026-03", "/regulator?period=month&month=2026-03"],
    // An encoded backslash is only a path segment: browsers do not decode it into a separator.
    ["/%5Cevil", "/%5Cevil"],
    ["/%2F%2Fevil", "/%2F%2Fevil"],
    ["/a/../pool", "/pool"],
    ["/企业", "/%E4%BC%81%E4%B8%9A"],
  ])("keeps the same-site path %j", (raw, expected) => {
    expect(safeRedirectPath(raw)).toBe(expected);
  });

  it("never returns a target that leaves the site", () => {
    const probes = ["/\\evil", "/\tevil", "//evil", "https://evil", "/.//evil", "/%5Cevil", "/%2F%2Fevil"];
    for (const probe of probes) {
      const target = new URL(safeRedirectPath(probe), "https://bank.example");
      expect(target.origin).toBe("https://bank.example");
    }
  });
});
