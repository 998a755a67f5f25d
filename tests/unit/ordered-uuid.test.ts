import { describe, expect, it } from "vitest";
import { orderedUuid } from "@/lib/lists/ordered-uuid";

describe("orderedUuid", () => {
  it("is a version-7 UUID, and ids drawn one after another sort in the order drawn", () => {
    const ids = Array.from({ length: 10_000 }, () => orderedUuid(1_790_000_000_000));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
