// proxy.ts gives every request an id (x-request-id) that the page's logs carry
// (lib/request-log.ts) and the response sends back: a load balancer's well-formed id is kept,
// anything else replaced by a fresh UUID.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("request id", () => {
  it("keeps the load balancer's id, on the response and on the request the app sees", () => {
    const response = proxy(new NextRequest("http://localhost/api/health", { headers: { "x-request-id": "lb-7f3a9c21e4" } }));
    expect(response.headers.get("x-request-id")).toBe("lb-7f3a9c21e4");
    // NextResponse.next({ request: { headers } }) hands the app's request its headers this way.
    expect(response.headers.get("x-middleware-request-x-request-id")).toBe("lb-7f3a9c21e4");
  });

  it("replaces a malformed id with a new UUID, and makes one when none came", () => {
    const forged = proxy(new NextRequest("http://localhost/api/health", { headers: { "x-request-id": "a\"} injected" } }));
    expect(forged.headers.get("x-request-id")).toMatch(UUID);
    const none = proxy(new NextRequest("http://localhost/api/health"));
    const other = proxy(new NextRequest("http://localhost/api/health"));
    expect(none.headers.get("x-request-id")).toMatch(UUID);
    expect(none.headers.get("x-request-id")).not.toBe(other.headers.get("x-request-id"));
  });

  it("sends it on a redirect to the sign-in page too", () => {
    const response = proxy(new NextRequest("http://localhost/dashboard", { headers: { "x-request-id": "lb-0000000042" } }));
    expect(response.status).toBe(307);
    expect(response.headers.get("x-request-id")).toBe("lb-0000000042");
  });
});
