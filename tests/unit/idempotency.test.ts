import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalJson, replayOrConflict } from "../../lib/domain/idempotency";
import { payloadHash } from "../../lib/commands/idempotency";

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
  it("does not depend on key order (property)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });
});

describe("payloadHash", () => {
  const request = { creditLineId: "7f0e…", amount: "1000.00", disbursedOn: "2026-11-28", type: "NEW" };
  it("ignores the key itself and field order; any other difference changes it", () => {
    const a = payloadHash({ ...request, idempotencyKey: "k1k1k1k1" });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(payloadHash({ idempotencyKey: "k2k2k2k2", type: "NEW", disbursedOn: "2026-11-28", amount: "1000.00", creditLineId: "7f0e…" })).toBe(a);
    expect(payloadHash({ ...request, amount: "1000.01" })).not.toBe(a);
  });
  it("same hash replays, another conflicts", () => {
    expect(replayOrConflict("x", "x")).toBe("replay");
    expect(replayOrConflict("x", "y")).toBe("conflict");
  });
});
