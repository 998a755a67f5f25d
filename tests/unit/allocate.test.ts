import { describe, expect, it } from "vitest";
import { apportion, assignByRule, sharesProblem } from "@/lib/domain/allocate";

describe("apportion (largest remainder)", () => {
  it("gives exact counts: 7 at 60/40 is 4 and 3", () => {
    expect(apportion(7, [{ bankKey: "B", share: 40 }, { bankKey: "A", share: 60 }])).toEqual([
      { bankKey: "A", count: 4 }, { bankKey: "B", count: 3 },
    ]);
  });

  it("breaks equal remainders by bank key, deterministically", () => {
    // 10 at 34/33/33: 3.4, 3.3, 3.3 → the largest remainder (A) takes the one left over.
    expect(apportion(10, [{ bankKey: "C", share: 33 }, { bankKey: "A", share: 34 }, { bankKey: "B", share: 33 }]).map((r) => r.count)).toEqual([4, 3, 3]);
    // 2 at 50/50 … and 1 at 50/50: the tie goes to the smaller key.
    expect(apportion(1, [{ bankKey: "Y", share: 50 }, { bankKey: "X", share: 50 }])).toEqual([{ bankKey: "X", count: 1 }, { bankKey: "Y", count: 0 }]);
  });

  it("always sums to n and never strays more than one from the exact quota", () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let trial = 0; trial < 500; trial++) {
      const banks = 1 + (next() % 6);
      const shares = Array.from({ length: banks }, (_, i) => ({ bankKey: `K${i}`, share: 1 + (next() % 50) }));
      const total = shares.reduce((s, x) => s + x.share, 0);
      const n = next() % 100_000;
      const result = apportion(n, shares);
      expect(result.reduce((s, r) => s + r.count, 0)).toBe(n);
      for (const r of result) {
        const quota = (n * shares.find((s) => s.bankKey === r.bankKey)!.share) / total;
        expect(r.count).toBeGreaterThanOrEqual(Math.floor(quota));
        expect(r.count).toBeLessThanOrEqual(Math.ceil(quota));
      }
    }
  });

  it("handles nothing to split and no banks", () => {
    expect(apportion(0, [{ bankKey: "A", share: 100 }])).toEqual([{ bankKey: "A", count: 0 }]);
    expect(apportion(5, [])).toEqual([]);
    expect(() => apportion(-1, [])).toThrow();
  });
});

describe("assignByRule", () => {
  it("hands consecutive ranges of the sorted items to banks in key order", () => {
    const items = ["913300E", "913300A", "913300D", "913300B", "913300C"];
    const result = assignByRule(items, [{ bankKey: "ICBC", share: 60 }, { bankKey: "ABC", share: 40 }]);
    // 5 at 40/60 → ABC 2, ICBC 3; ABC (first key) takes the two smallest codes.
    expect(Object.fromEntries([...result].sort())).toEqual({
      "913300A": "ABC", "913300B": "ABC", "913300C": "ICBC", "913300D": "ICBC", "913300E": "ICBC",
    });
  });

  it("does not depend on the order the items come in", () => {
    const items = Array.from({ length: 50 }, (_, i) => `K${String(i).padStart(3, "0")}`);
    const shares = [{ bankKey: "A", share: 33 }, { bankKey: "B", share: 33 }, { bankKey: "C", share: 34 }];
    expect([...assignByRule([...items].reverse(), shares)].sort()).toEqual([...assignByRule(items, shares)].sort());
  });
});

describe("sharesProblem", () => {
  it("accepts shares summing to 100 and names what is wrong otherwise", () => {
    expect(sharesProblem([{ bankKey: "A", share: 60 }, { bankKey: "B", share: 40 }])).toBeNull();
    expect(sharesProblem([{ bankKey: "A", share: 100 }])).toBeNull();
    expect(sharesProblem([])).toBe("empty");
    expect(sharesProblem([{ bankKey: "A", share: 60 }, { bankKey: "B", share: 30 }])).toBe("sumNot100");
    expect(sharesProblem([{ bankKey: "A", share: 0 }, { bankKey: "B", share: 100 }])).toBe("shareRange");
    expect(sharesProblem([{ bankKey: "A", share: 50.5 }, { bankKey: "B", share: 49.5 }])).toBe("shareRange");
    expect(sharesProblem([{ bankKey: "A", share: 50 }, { bankKey: "A", share: 50 }])).toBe("duplicateBank");
  });
});
