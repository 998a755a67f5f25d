import { describe, expect, it } from "vitest";
import { RollupCache } from "@/lib/rollups/cache";

describe("RollupCache", () => {
  it("reuses a value only under the same version", async () => {
    const cache = new RollupCache();
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get("v1", "k", load)).toBe(1);
    expect(await cache.get("v1", "k", load)).toBe(1);
    expect(await cache.get("v2", "k", load)).toBe(2);
    expect(await cache.get("v2", "other", load)).toBe(3);
    expect([cache.hits, cache.misses]).toEqual([1, 3]);
  });

  it("shares one load between concurrent misses and forgets failed loads", async () => {
    const cache = new RollupCache();
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = async () => { loads++; await gate; return "figures"; };
    const waiting = Promise.all(Array.from({ length: 5 }, () => cache.get("v", "k", slow)));
    release();
    expect(await waiting).toEqual(Array(5).fill("figures"));
    expect(loads).toBe(1);

    await expect(cache.get("v", "bad", async () => { throw new Error("database down"); })).rejects.toThrow("database down");
    expect(await cache.get("v", "bad", async () => "recovered")).toBe("recovered");
  });

  it("keeps at most maxEntries, dropping the least recently used", async () => {
    const cache = new RollupCache(3);
    for (const k of ["a", "b", "c"]) await cache.get("v", k, async () => k);
    await cache.get("v", "a", async () => "reloaded"); // a is now the most recent
    await cache.get("v", "d", async () => "d"); // evicts b
    expect(cache.size).toBe(3);
    expect(await cache.get("v", "a", async () => "reloaded")).toBe("a");
    expect(await cache.get("v", "b", async () => "reloaded")).toBe("reloaded");
  });

  it("keeps figures only under the version of their own snapshot (a request that saw v1 may load v2's)", async () => {
    const cache = new RollupCache();
    const got = await cache.getExact("v1", "k", async () => ({ version: "v2", value: "figures of v2" }));
    expect(got).toEqual({ version: "v2", value: "figures of v2" });
    // Under v1 nothing is kept: the next reader at v1 loads again and gets v1's figures.
    expect(await cache.get("v1", "k", async () => "figures of v1")).toBe("figures of v1");
    expect(await cache.get("v2", "k", async () => "reloaded")).toBe("figures of v2");
  });
});
