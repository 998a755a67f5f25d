import "server-only";
import { cache } from "react";
import type { Db } from "@/lib/db-client";
import { readDb } from "@/lib/db";
import { RollupCache, cachedRollupReads, readRollupVersion } from "@/lib/rollups/cache";

// One cache per server process (lib/rollups/cache.ts explains why this is exact and safe).
const processCache = new RollupCache();

type Snapshot = { client: Db; version: string; movedOn: boolean };
type Reader = { readsPrimary?: boolean } | null | undefined;

// The server and the version are chosen once per request (React's per-request cache), however
// many rollup reads the page makes: a healthy replica, or the primary for a person who just
// wrote (lib/read-your-writes.ts). Every rollup read of the request then goes to that one
// server, whose snapshots only move forward, so nothing it reads is older than the version.
// Outside a render (route handlers) this runs per call.
const requestSnapshot = cache(async (primary: boolean): Promise<Snapshot> => {
  const client = readDb({ readsPrimary: primary });
  return { client, version: await readRollupVersion(client), movedOn: false };
});

/** Rollup reads for the data layer (lib/queries): cached under the current rollup version. */
export async function rollupReads(reader?: Reader) {
  const snapshot = await requestSnapshot(reader?.readsPrimary === true);
  return cachedRollupReads(snapshot.client, processCache, snapshot.version, () => { snapshot.movedOn = true; });
}

/**
 * A page's rollup figures after formatting (table rows, chart data), cached under the current
 * rollup version like the figures themselves. `key` must name everything `compute` reads
 * besides the rollups: the caller's scope, the request's filters, the locale. Reference data
 * that `compute` may read (region and bank names) changes with a release, not with a write.
 * `compute` gets the request's server: whatever else it reads must come from there. When the
 * figures moved past the request's version while computing, the view is not kept.
 */
export async function cachedRollupView<T>(reader: Reader, key: string, compute: (db: Db) => Promise<T>): Promise<T> {
  const snapshot = await requestSnapshot(reader?.readsPrimary === true);
  let computedHere = false;
  const value = await processCache.get(snapshot.version, `view:${key}`, () => {
    computedHere = true;
    return compute(snapshot.client);
  });
  if (computedHere && snapshot.movedOn) processCache.delete(snapshot.version, `view:${key}`);
  return value;
}
