// The session cookie: a JWS (HS256) carrying the user id and the sign-in session id (sid) only, issued by Auth.js on sign-in
// (lib/auth/config.ts plugs these into its `jwt` option) and read on every request by
// currentActor(). Signed, not encrypted: it holds nothing secret (role, bank and branch are
// re-read from the database on each request), so integrity is all it needs. The signing key
// is derived once per process (HKDF-SHA256 of AUTH_SECRET, salted with the cookie name, as
// Auth.js does); verifying costs ~0.3 ms, where Auth.js's default JWE re-derived its key and
// decrypted on every request (~1.3 ms, measured: docs/dashboards.md, "HTTP").
import { createSecretKey, hkdfSync, type KeyObject } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";

/** Auth.js's cookie names: `__Secure-` when served over https. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export type SessionClaims = { sub?: string; iat?: number; exp?: number; jti?: string; [claim: string]: unknown };

const keys = new Map<string, KeyObject>();
function keyFor(secret: string, salt: string): KeyObject {
  const id = `${salt}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = createSecretKey(new Uint8Array(hkdfSync("sha256", secret, salt, `Shoudai session signing key (${salt})`, 32)));
    keys.set(id, key);
  }
  return key;
}

const secretsOf = (secret: string | string[]) => (Array.isArray(secret) ? secret : [secret]).filter(Boolean);

/** Signs the claims with the first (newest) secret; `maxAge` in seconds. */
export async function encodeSession(params: { token?: SessionClaims; secret: string | string[]; salt: string; maxAge?: number }): Promise<string> {
  const [secret] = secretsOf(params.secret);
  if (!secret) throw new Error("AUTH_SECRET is not set");
  const { iat: _iat, exp: _exp, ...claims } = params.token ?? {};
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(now + (params.maxAge ?? 8 * 60 * 60))
    .sign(keyFor(secret, params.salt));
}

/** The claims of a valid, unexpired token; null for anything else (tampered, expired, garbage). */
export async function decodeSession(params: { token?: string | null; secret: string | string[]; salt: string }): Promise<SessionClaims | null> {
  if (!params.token || params.token.length > 4096) return null;
  for (const secret of secretsOf(params.secret)) {
    try {
      const { payload } = await jwtVerify(params.token, keyFor(secret, params.salt), { algorithms: ["HS256"] });
      return payload as SessionClaims;
    } catch {
      // wrong secret (rotation), tampered or expired: try the next secret, then give up
    }
  }
  return null;
}

/** The user id and sign-in session id in a request's session cookies (a name → value lookup), or null. */
export async function sessionClaims(cookie: (name: string) => string | undefined, secret = process.env.AUTH_SECRET): Promise<{ userId: string; sessionId: string | null } | null> {
  if (!secret) return null;
  for (const name of SESSION_COOKIES) {
    const token = cookie(name);
    if (!token) continue;
    const claims = await decodeSession({ token, secret, salt: name });
    if (typeof claims?.sub !== "string") return null;
    return { userId: claims.sub, sessionId: typeof claims.sid === "string" ? claims.sid : null };
  }
  return null;
}

/** The user id in a request's session cookies, or null. */
export async function sessionUserId(cookie: (name: string) => string | undefined, secret = process.env.AUTH_SECRET): Promise<string | null> {
  return (await sessionClaims(cookie, secret))?.userId ?? null;
}
