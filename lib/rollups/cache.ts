// Rollup figures cached in this process under the rollup version (rollup_versions, bumped by
// a deferred trigger when a transaction that changed the rollups commits). Exact, not
// time-based: every read first asks PostgreSQL for the version (one indexed scan of 32 rows)
// and reuses figures only if they were read under that same version; after any committed
// visit, approval, disbursement or repayment the version moves and the next read goes to the
// tables again. The cache is derived data only: any instance can serve any request, a restart
// loses nothing, and instances never need to tell each other anything.
//
// Why it is exact: on a miss the figures are read in one REPEATABLE READ transaction together
// with the version (atOneSnapshot), and stored under that version — the one of their own
// snapshot, not the one the request saw first. With read replicas (issue 14) this matters: a
// request may have read the version on one server and a lagging replica would otherwise store
// old figures under a newer version. Concurrent misses for the same key share one database
// read. Values are shared between requests: callers must not mutate them.
import type { Db, Tx } from "@/lib/db-client";
import { monthlyFirstLoans, sumRollups, type FiguresPair, type MonthPoint, type RollupFilter, type RollupGroup } from "@/lib/rollups/query";
import type { Period } from "@/lib/domain/period";

type Queryable = Pick<Db, "$queryRaw">;

/**
 * The rollup version: the number of committed transactions that changed the rollups, prefixed
 * with the table's identity so that a database dropped and recreated under a running server
 * (npm run seed:scenario -- --reset) never repeats an old version.
 */
export async function readRollupVersion(db: Queryable): Promise<string> {
  const rows = await db.$queryRaw<{ version: string }[]>`
    SELECT 'rollup_versions'::regclass::oid::text || ':' || coalesce(sum("changes"), 0)::text AS version FROM "rollup_versions"`;
  return rows[0]?.version ?? "0";
}

/** The rollup version and what `read` reads, from one snapshot (one REPEATABLE READ transaction). */
export async function atOneSnapshot<T>(db: Db, read: (tx: Tx) => Promise<T>): Promise<{ version: string; value: T }> {
  return db.$transaction(async (tx) => {
    // The first statement takes the transaction's snapshot: the version, then the figures.
    const version = await readRollupVersion(tx);
    return { version, value: await read(tx) };
    // Waiting for a pooled connection is as long as any other query may wait (the pool queues
    // them); Prisma's default for a transaction, 2 s, fails pages under load instead.
  }, { isolationLevel: "RepeatableRead", maxWait: 30_000, timeout: 60_000 });
}

export class RollupCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 1000) {}

  /** The value stored for `key` under `version`, or `load()`'s (stored for the next caller). */
  async get<T>(version: string, key: string, load: () => Promise<T>): Promise<T> {
    const id = `${version}\u0000${key}`;
    const found = this.entries.get(id);
    if (found) {
      this.hits++;
      // Least recently used goes first: move this entry to the end.
      this.entries.delete(id);
      this.entries.set(id, found);
      return found as Promise<T>;
    }
    this.misses++;
    const loading = load();
    this.entries.set(id, loading);
    loading.catch(() => this.entries.delete(id));
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return loading;
  }

  /**
   * Like get, for a load that reports the version its value belongs to: the value is kept only
   * under that version (a request that saw version v may load figures of a later v2; they are
   * then stored under v2, never under v).
   */
  async getExact<T>(version: string, key: string, load: () => Promise<{ version: string; value: T }>): Promise<{ version: string; value: T }> {
    const id = `${version}\u0000${key}`;
    let loaded: { version: string; value: T } | null = null;
    const value = await this.get<T>(version, key, async () => {
      loaded = await load();
      return loaded.value;
    });
    const own = loaded as { version: string; value: T } | null;
    if (own && own.version !== version) {
      this.entries.delete(id);
      const exact = `${own.version}\u0000${key}`;
      if (!this.entries.has(exact)) this.entries.set(exact, Promise.resolve(own.value));
      return own;
    }
    return { version, value };
  }

  /** Drops one entry (a view computed while the figures moved on). */
  delete(version: string, key: string): void {
    this.entries.delete(`${version}\u0000${key}`);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export type SumInput = { period: Period; previous: Period; group: RollupGroup; filter: RollupFilter };
export type MonthlyInput = { from: string; to: string; filter: RollupFilter };

/**
 * sumRollups and monthlyFirstLoans through a cache, for the version a request saw. A miss
 * reads version and figures at one snapshot; `onOtherVersion` hears when that snapshot was not
 * at `version` (the figures are then stored under their own version, and returned).
 */
export function cachedRollupReads(db: Db, cache: RollupCache, version: string, onOtherVersion: () => void = () => {}) {
  const exact = async <T>(key: string, read: (tx: Tx) => Promise<T>): Promise<T> => {
    const got = await cache.getExact(version, key, () => atOneSnapshot(db, read));
    if (got.version !== version) onOtherVersion();
    return got.value;
  };
  return {
    sum: (input: SumInput): Promise<Map<string, FiguresPair>> => exact(`sum:${JSON.stringify(input)}`, (tx) => sumRollups(tx, input)),
    monthlyFirstLoans: (input: MonthlyInput): Promise<MonthPoint[]> => exact(`monthly:${JSON.stringify(input)}`, (tx) => monthlyFirstLoans(tx, input)),
  };
}
