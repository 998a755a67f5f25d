// Idempotency of money forms: each form carries a key; the same key with the same payload
// returns the first result, the same key with another payload is refused. The payload is
// compared by a hash of its canonical JSON (keys sorted, so field order does not matter).

/** JSON with object keys sorted at every level; undefined members are left out, as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "bigint") return JSON.stringify(value.toString());
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export type IdempotentReplay = "replay" | "conflict";

/** What to do with a key that already has a row: the same payload replays, another conflicts. */
export function replayOrConflict(storedHash: string, incomingHash: string): IdempotentReplay {
  return storedHash === incomingHash ? "replay" : "conflict";
}
