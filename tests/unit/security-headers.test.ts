import { describe, expect, it } from "vitest";
import { newNonce, pageCsp, servedOverHttps } from "@/lib/http/security-headers";

const directives = (csp: string) => Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe("page CSP", () => {
  it("production: scripts only by nonce, no inline or eval, no framing, no upgrade on http", () => {
    const d = directives(pageCsp("abc", { dev: false, https: false }));
    expect(d["script-src"]).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["upgrade-insecure-requests"]).toBeUndefined();
  });

  it("development adds eval and websockets for hot reload, nothing else", () => {
    const prod = directives(pageCsp("abc", { dev: false, https: false }));
    const dev = directives(pageCsp("abc", { dev: true, https: false }));
    expect(dev["script-src"]).toEqual([...prod["script-src"]!, "'unsafe-eval'"]);
    expect(dev["connect-src"]).toEqual(["'self'", "ws:", "wss:"]);
    expect({ ...dev, "script-src": null, "connect-src": null }).toEqual({ ...prod, "script-src": null, "connect-src": null });
  });

  it("over https, mixed content is upgraded", () => {
    expect(directives(pageCsp("abc", { dev: false, https: true }))["upgrade-insecure-requests"]).toEqual([]);
  });

  it("nonces differ and are 128-bit base64", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});

describe("servedOverHttps", () => {
  it.each([
    ["https:", null, true],
    ["http:", "https", true],
    ["http:", "HTTPS", true],
    ["http:", "https, http", true],
    ["http:", "http", false],
    ["http:", "http, https", false],
    ["http:", null, false],
    ["http:", "", false],
  ] as const)("%s with X-Forwarded-Proto %j → %s", (protocol, forwarded, expected) => {
    expect(servedOverHttps(protocol, forwarded)).toBe(expected);
  });
});
