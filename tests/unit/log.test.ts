import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";

afterEach(() => vi.restoreAllMocks());

function captured(stream: NodeJS.WriteStream): string[] {
  const lines: string[] = [];
  vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

describe("structured logs", () => {
  it("write one JSON object per line with the request id, on stdout for info", () => {
    const out = captured(process.stdout);
    log("info", "read replica in rotation", { requestId: "req-12345678", lagSeconds: 0.25, skipped: undefined });
    expect(out).toHaveLength(1);
    expect(out[0]!.endsWith("\n")).toBe(true);
    const entry = JSON.parse(out[0]!);
    expect(entry).toMatchObject({ level: "info", msg: "read replica in rotation", requestId: "req-12345678", lagSeconds: 0.25 });
    expect(entry).not.toHaveProperty("skipped");
    expect(Date.parse(entry.time)).not.toBeNaN();
  });

  it("put errors on stderr with their name, message, code and a short stack", () => {
    const err = captured(process.stderr);
    const error = Object.assign(new Error("connection refused"), { code: "ECONNREFUSED" });
    log("error", "action failed", { error });
    const entry = JSON.parse(err[0]!);
    expect(entry.error).toMatchObject({ name: "Error", message: "connection refused", code: "ECONNREFUSED" });
    expect(entry.error.stack.length).toBeGreaterThan(0);
  });
});
