// Plain PostgreSQL sessions of their own for tests that race transactions against each other
// (statement-level reference checks: tests/integration/client-refs.test.ts, list-refs.test.ts).
import pg from "pg";

/** Opens sessions on DATABASE_URL; `closeAll` ends every one opened (for afterAll). */
export function sessions(): { connect: () => Promise<pg.Client>; closeAll: () => Promise<void> } {
  const open: pg.Client[] = [];
  return {
    async connect() {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      open.push(client);
      return client;
    },
    async closeAll() {
      await Promise.all(open.map((c) => c.end()));
    },
  };
}

/** The error a statement fails with: its SQLSTATE and constraint name (null when it succeeded). */
export async function failure(run: () => Promise<unknown>): Promise<{ code: string; constraint: string } | null> {
  try {
    await run();
    return null;
  } catch (e) {
    const err = e as { code?: string; constraint?: string };
    return { code: err.code ?? "?", constraint: err.constraint ?? "?" };
  }
}

/** Polls (through `observer`) until the backend `pid` waits on a lock; false after 5 s. */
export async function waitsOnLock(observer: pg.Client, pid: number): Promise<boolean> {
  for (let i = 0; i < 200; i += 1) {
    const { rows } = await observer.query<{ w: string | null }>("SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1", [pid]);
    if (rows[0]?.w === "Lock") return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}
