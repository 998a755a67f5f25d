// Personal API tokens: "sd_" + 32 random bytes in base64url (43 characters), shown once to the
// owner. Only the SHA-256 (hex) of the whole token is stored (api_tokens.token_hash), with a
// short prefix so the owner can tell tokens apart in the list. A plain hash is enough here: the
// token carries 256 bits of randomness, so nothing can be guessed from the hash, and the
// lookup on every /api/v1 request must be a cheap indexed equality, not an argon2 verify.
// Pure functions: no database, no request.
import { createHash, randomBytes } from "node:crypto";

export const API_TOKEN_PREFIX = "sd_";
/** How many leading characters of a token are kept for display ("sd_" + 7). */
export const API_TOKEN_DISPLAY_LENGTH = 10;

const TOKEN_PATTERN = /^sd_[A-Za-z0-9_-]{43}$/;

/** SHA-256 hex of the token as sent (`Authorization: Bearer <token>`). */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** True when the string has the shape of a token we issue (cheap pre-check before a lookup). */
export function looksLikeApiToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** A fresh token: the plain text (show once), its hash (store) and its display prefix (store). */
export function newApiToken(): { token: string; hash: string; prefix: string } {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashApiToken(token), prefix: token.slice(0, API_TOKEN_DISPLAY_LENGTH) };
}
