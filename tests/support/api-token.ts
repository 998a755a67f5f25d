// Personal API tokens for tests: issued as the app issues them (lib/auth/api-tokens.ts), stored
// hashed, and a Request carrying one as `Authorization: Bearer …`.
import { db } from "@/lib/db";
import { newApiToken } from "@/lib/auth/api-tokens";

export async function issueToken(userId: string, options: { expiresAt?: Date; revokedAt?: Date } = {}): Promise<{ id: string; token: string }> {
  const { token, hash, prefix } = newApiToken();
  const row = await db.apiToken.create({
    data: { userId, name: "test", prefix, tokenHash: hash, expiresAt: options.expiresAt ?? null, revokedAt: options.revokedAt ?? null },
  });
  return { id: row.id, token };
}

/** Regulators and head offices must have enrolled TOTP before they (or their tokens) may act. */
export async function enrolTotp(userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { totpEnabledAt: new Date() } });
}

export function bearerRequest(path: string, token: string | null, init: { method?: string; headers?: Record<string, string> } = {}): Request {
  const headers: Record<string, string> = { "user-agent": "shoudai-test/1.0", "x-forwarded-for": "203.0.113.7", ...init.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return new Request(`http://localhost${path}`, { method: init.method ?? "GET", headers });
}
