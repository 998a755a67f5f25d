import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
// The local development database: one persistent embedded PostgreSQL cluster under .data/
// (git-ignored), shared by `npm run dev`, `npm run db:migrate`, `npm run db:seed` and friends.
// Kept in one place so every script agrees on where it lives and which port it listens on.
export const DEV_PG = {
  /** Cluster data directory, relative to the project root. */
  dataDir: ".data/pg",
  /** Fixed (not random) so a running dev server and a second script find the same cluster. */
  port: 54329,
  /** The application database inside that cluster. */
  database: "shoudai",
} as const;

/**
 * The development AUTH_SECRET: AUTH_SECRET when set, else one made once and kept in
 * .data/auth-secret (git-ignored), so sessions and the demo's sealed TOTP secrets survive
 * restarts of `npm run dev`.
 */
export function devAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = ".data/auth-secret";
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(".data", { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
