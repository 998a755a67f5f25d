import { describe, expect, it } from "vitest";
import { decodeSession, encodeSession, sessionUserId } from "@/lib/auth/session-token";

const secret = "a-test-secret-of-enough-length-123456";
const salt = "authjs.session-token";
const userId = "0b7f3c1e-8a4d-4c55-9b1e-2f6d7a8b9c0d";

describe("session token", () => {
  it("round-trips the user id and sets an expiry", async () => {
    const token = await encodeSession({ token: { sub: userId, exp: 1, iat: 1 }, secret, salt, maxAge: 60 });
    const claims = await decodeSession({ token, secret, salt });
    expect(claims?.sub).toBe(userId);
    expect(claims!.exp! - claims!.iat!).toBe(60);
  });

  it("refuses a tampered, expired, foreign or oversized token", async () => {
    const token = await encodeSession({ token: { sub: userId }, secret, salt });
    const [header, payload, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "someone-else", exp: 9_999_999_999 })).toString("base64url");
    expect(await decodeSession({ token: `${header}.${forged}.${signature}`, secret, salt })).toBeNull();
    expect(await decodeSession({ token, secret: "another-secret-of-enough-length-0000", salt })).toBeNull();
    expect(await decodeSession({ token, secret, salt: "__Secure-authjs.session-token" })).toBeNull();
    expect(await decodeSession({ token: await encodeSession({ token: { sub: userId }, secret, salt, maxAge: -10 }), secret, salt })).toBeNull();
    expect(await decodeSession({ token: `${header}.${payload}`, secret, salt })).toBeNull();
    expect(await decodeSession({ token: "x".repeat(5000), secret, salt })).toBeNull();
    // An unsigned token ("alg": "none") is never accepted.
    const none = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${payload}.`;
    expect(await decodeSession({ token: none, secret, salt })).toBeNull();
  });

  it("accepts tokens of an older secret during rotation (newest first)", async () => {
    const old = await encodeSession({ token: { sub: userId }, secret: "the-old-secret-of-enough-length-0000", salt });
    expect((await decodeSession({ token: old, secret: [secret, "the-old-secret-of-enough-length-0000"], salt }))?.sub).toBe(userId);
  });

  it("reads the user id from the request's session cookie", async () => {
    const token = await encodeSession({ token: { sub: userId }, secret, salt });
    const jar = new Map([["authjs.session-token", token]]);
    expect(await sessionUserId((name) => jar.get(name), secret)).toBe(userId);
    expect(await sessionUserId(() => undefined, secret)).toBeNull();
    expect(await sessionUserId((name) => jar.get(name), undefined)).toBeNull();
    // A token signed for the plain cookie does not pass as the __Secure- one.
    expect(await sessionUserId((name) => (name === "__Secure-authjs.session-token" ? token : undefined), secret)).toBeNull();
  });
});
