import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { RollupCache, cachedRollupReads, readRollupVersion } from "@/lib/rollups/cache";

// One cache per server process (lib/rollups/cache.ts explains why this is exact and safe).
const processCache = new RollupCache();

// The version is read once per request (React's per-request cache), however many rollup
// reads the page makes; outside a render (route handlers) it is read per call.
const requestVersion = cache(() => readRollupVersion(db));

/** Rollup reads for the data layer (lib/queries): cached under the current rollup version. */
export async function rollupReads() {
  return cachedRollupReads(db, processCache, await requestVersion());
}

/**
 * A page's rollup figures after formatting (table rows, chart data), cached under the current
 * rollup version like the figures themselves. `key` must name everything `compute` reads
 * besides the rollups: the caller's scope, the request's filters, the locale. Reference data
 * that `compute` may read (region and bank names) changes with a release, not with a write.
 */
export async function cachedRollupView<T>(key: string, compute: () => Promise<T>): Promise<T> {
  return processCache.get(await requestVersion(), `view:${key}`, compute);
}
