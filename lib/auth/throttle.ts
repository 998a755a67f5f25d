// Sign-in throttling kept in PostgreSQL (auth_throttles), so every app process sees the same
// counts. Per account (the email typed, whether or not such an account exists — the answer
// must not reveal that) 5 failures in 15 minutes lock it; per IP address a higher bound (50).
// Each further lockout of the same key lasts longer: 5 min, 15 min, 45 min, … at most 24 h.
// A successful sign-in clears the account's count.
import type { Db } from "@/lib/db-client";

export const THROTTLE = {
  windowMinutes: 15,
  accountFailures: 5,
  ipFailures: 50,
  firstLockMinutes: 5,
  growth: 3,
  maxLockMinutes: 24 * 60,
} as const;

export const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`.slice(0, 300);
export const ipKey = (ip: string) => `ip:${ip}`.slice(0, 300);

function lockMinutes(lockouts: number): number {
  return Math.min(THROTTLE.firstLockMinutes * THROTTLE.growth ** lockouts, THROTTLE.maxLockMinutes);
}

/** The latest lock still running among the keys, or null when attempts may go on. */
export async function lockedUntil(db: Db, keys: string[]): Promise<Date | null> {
  if (keys.length === 0) return null;
  const rows = await db.$queryRaw<{ until: Date | null }[]>`
    SELECT max(locked_until) AS until FROM auth_throttles WHERE key = ANY(${keys}::text[]) AND locked_until > now()`;
  return rows[0]?.until ?? null;
}

/** Counts one failure against each key; locks a key that reaches its bound. */
export async function recordFailure(db: Db, keys: { key: string; limit: number }[]): Promise<void> {
  for (const { key, limit } of keys) {
    const rows = await db.$queryRaw<{ failures: number; lockouts: number }[]>`
      INSERT INTO auth_throttles (key, failures, window_started_at, updated_at) VALUES (${key}, 1, now(), now())
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN auth_throttles.window_started_at <= now() - make_interval(mins => ${THROTTLE.windowMinutes})
                        THEN 1 ELSE auth_throttles.failures + 1 END,
        window_started_at = CASE WHEN auth_throttles.window_started_at <= now() - make_interval(mins => ${THROTTLE.windowMinutes})
                        THEN now() ELSE auth_throttles.window_started_at END,
        updated_at = now()
      RETURNING failures, lockouts`;
    const row = rows[0];
    if (row && row.failures >= limit) {
      await db.$executeRaw`
        UPDATE auth_throttles SET locked_until = now() + make_interval(mins => ${lockMinutes(row.lockouts)}),
          lockouts = lockouts + 1, failures = 0, window_started_at = now(), updated_at = now()
        WHERE key = ${key}`;
    }
  }
}

/** After a successful sign-in: the account starts again from nothing. */
export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.$executeRaw`DELETE FROM auth_throttles WHERE key = ${key}`;
}
