// Rollup figures cached in this process under the rollup version (rollup_versions, bumped by
// a deferred trigger when a transaction that changed the rollups commits). Exact, not
// time-based: every read first asks PostgreSQL for the version (one indexed scan of 32 rows)
// and reuses figures only if they were read under that same version; after any committed
// visit, approval, disbursement or repayment the version moves and the next read goes to the
// tables again. The cache is derived data only: any instance can serve any request, a restart
// loses nothing, and instances never need to tell each other anything.
//
// Why it is safe: the version is read before the figures (a later snapshot), so figures
// stored under version v are never older than v. Concurrent misses for the same key share one
// database read. Values are shared between requests: callers must not mutate them.
import type { Db } from "@/lib/db-client";
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

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export type SumInput = { period: Period; previous: Period; group: RollupGroup; filter: RollupFilter };
export type MonthlyInput = { from: string; to: string; filter: RollupFilter };

/** sumRollups and monthlyFirstLoans through a cache, for one known version. */
export function cachedRollupReads(db: Queryable, cache: RollupCache, version: string) {
  return {
    sum: (input: SumInput): Promise<Map<string, FiguresPair>> =>
      cache.get(version, `sum:${JSON.stringify(input)}`, () => sumRollups(db, input)),
    monthlyFirstLoans: (input: MonthlyInput): Promise<MonthPoint[]> =>
      cache.get(version, `monthly:${JSON.stringify(input)}`, () => monthlyFirstLoans(db, input)),
  };
}
