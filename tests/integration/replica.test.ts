// Read replicas for real (issue 14): this file starts its own cluster and a streaming replica
// of it (scripts/db/replica.ts: pg_backup_start/stop copy, standby.signal, primary_conninfo),
// points the app's clients at them (DATABASE_URL, DATABASE_REPLICA_URLS), and checks what a
// person would notice: dashboards served by the replica, read-your-writes while the replica
// replays late (recovery_min_apply_delay), the app falling back to the primary when the
// replica stops, and /api/ready saying which.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startEmbeddedPostgres, tempDataDir, type RunningPostgres } from "@/scripts/db/embedded";
import { prepareDatabase } from "@/scripts/db/prepare";
import { startStreamingReplica, type RunningReplica } from "@/scripts/db/replica";
import type { Actor } from "@/lib/auth/actor";
import type { World } from "../support/world";

let primary: RunningPostgres;
let replica: RunningReplica;
// Loaded after the environment points at this file's cluster (lib/db.ts reads it on import).
let app: {
  db: typeof import("@/lib/db");
  logVisit: typeof import("@/lib/commands/log-visit").logVisit;
  getProvinceRollup: typeof import("@/lib/queries/province-rollup").getProvinceRollup;
  getManagerHome: typeof import("@/lib/queries/manager-home").getManagerHome;
  readiness: typeof import("@/lib/api/health").readiness;
  cache: typeof import("@/lib/rollups/cache");
  factories: typeof import("@/prisma/seed/factories");
};
let world: World;
let owner: Actor;
let regulator: Actor;
const saved = { ...process.env };

const YEAR = { from: "2015-01-01", to: "2015-12-31" };

async function lsn(url: string, sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ lsn: string }>(sql)).rows[0]!.lsn;
  } finally {
    await client.end();
  }
}

/** Waits until the replica has replayed everything the primary has written so far. */
async function replicaCaughtUp(): Promise<void> {
  const target = await lsn(primary.url("app"), "SELECT pg_current_wal_lsn()::text AS lsn");
  const client = new pg.Client({ connectionString: replica.url("app") });
  await client.connect();
  try {
    for (let i = 0; i < 600; i++) {
      const { rows } = await client.query<{ done: boolean }>("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done", [target]);
      if (rows[0]!.done) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("the replica did not catch up within 15 s");
  } finally {
    await client.end();
  }
}

/** The regulator's province rollup, by bank: this world's bank A row (visits this year). */
async function bankAVisits(actor: Actor): Promise<number> {
  const rollup = await app.getProvinceRollup(actor, { ...YEAR, by: "bank" });
  return rollup!.rows.find((r) => r.code === world.bankA)?.current.visited ?? 0;
}

let day = 0;
async function visitAnotherEnterprise(): Promise<void> {
  // A fresh listed enterprise in the owner's pool each time: every visit is a first visit.
  day += 1;
  const { db } = app.db;
  const seq = 700_000_000 + Math.floor(Math.random() * 90_000_000);
  const enterprise = await app.factories.createEnterprise(db, { seq, countyCode: "330483" });
  await app.factories.createClient(db, { bankId: world.bankA, branchId: world.branchA1, enterpriseId: enterprise.id, managerId: owner.userId });
  const batch = await app.factories.createListBatch(db, { listType: "BANKS_VISIT_ENTERPRISES", name: `副本测试${world.tag}-${day}`, issuedOn: "2015-01-05" });
  await db.listMembership.create({ data: { enterpriseId: enterprise.id, batchId: batch.id, listType: "BANKS_VISIT_ENTERPRISES", listedOn: new Date("2015-01-05T00:00:00Z") } });
  await app.logVisit(owner, { enterpriseId: enterprise.id, visitedOn: `2015-05-${String(day).padStart(2, "0")}`, mode: "ON_SITE", hasNeed: "no", noNeedReason: "NO_NEED_NOW" });
}

beforeAll(async () => {
  primary = await startEmbeddedPostgres({ dataDir: tempDataDir("replica-it"), persistent: false, quiet: true });
  await primary.createDatabase("app");
  await prepareDatabase(primary.url("app"), { seed: false });
  replica = await startStreamingReplica(primary, { dataDir: tempDataDir("replica-it-standby"), quiet: true });
  process.env.DATABASE_URL = primary.url("app");
  process.env.DATABASE_REPLICA_URLS = replica.url("app");
  // Generous here: the delayed-replay test keeps the replica in rotation while it is behind.
  process.env.REPLICA_MAX_LAG_SECONDS = "60";
  process.env.REPLICA_CHECK_INTERVAL_MS = "200";
  app = {
    db: await import("@/lib/db"),
    logVisit: (await import("@/lib/commands/log-visit")).logVisit,
    getProvinceRollup: (await import("@/lib/queries/province-rollup")).getProvinceRollup,
    getManagerHome: (await import("@/lib/queries/manager-home")).getManagerHome,
    readiness: (await import("@/lib/api/health")).readiness,
    cache: await import("@/lib/rollups/cache"),
    factories: await import("@/prisma/seed/factories"),
  };
  const { buildWorld } = await import("../support/world");
  world = await buildWorld();
  owner = (await world.actor("owner"))!;
  regulator = (await world.actor("regulator"))!;
  await replicaCaughtUp();
  await app.db.readRouter.refresh();
}, 180_000);

afterAll(async () => {
  process.env = saved;
  await app?.db.db.$disconnect().catch(() => {});
  await replica?.destroy().catch(() => {});
  await primary?.stop().catch(() => {});
});

describe("dashboards on a streaming replica", () => {
  it("serves the regulator's rollup from the replica, with the visit written on the primary", async () => {
    const states = await app.db.readRouter.refresh();
    expect(states).toEqual([expect.objectContaining({ healthy: true, error: null })]);
    expect(app.db.readRouter.isReplica(app.db.readDb(regulator))).toBe(true);

    const before = await bankAVisits(regulator);
    await visitAnotherEnterprise();
    await replicaCaughtUp();
    expect(await bankAVisits(regulator)).toBe(before + 1);

    const ready = await app.readiness(app.db.db, undefined, app.db.readRouter);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: "ready", reads: "replicas", replicas: [{ healthy: true, target: `127.0.0.1:${replica.port}/app` }] });
  });

  it("while the replica replays 3 s late, the manager who logged a visit sees it at once; others see it when the replica has it", async () => {
    await replica.setApplyDelay("3s");
    try {
      const managerBefore = (await app.getManagerHome(owner, YEAR))!.mine.current.visited;
      const regulatorBefore = await bankAVisits(regulator);
      await visitAnotherEnterprise();

      // The manager's next request carries the read-your-writes marker (lib/read-your-writes.ts).
      const justWrote: Actor = { ...owner, readsPrimary: true };
      expect(app.db.readRouter.isReplica(app.db.readDb(justWrote))).toBe(false);
      expect((await app.getManagerHome(justWrote, YEAR))!.mine.current.visited).toBe(managerBefore + 1);

      // The regulator reads the replica, which has not replayed the visit yet…
      await app.db.readRouter.refresh();
      expect(app.db.readRouter.isReplica(app.db.readDb(regulator))).toBe(true);
      expect(await bankAVisits(regulator)).toBe(regulatorBefore);
      // …and the same manager without the marker (another device) reads the replica too.
      expect((await app.getManagerHome(owner, YEAR))!.mine.current.visited).toBe(managerBefore);

      await replicaCaughtUp();
      expect(await bankAVisits(regulator)).toBe(regulatorBefore + 1);
    } finally {
      await replica.setApplyDelay(null);
    }
  });

  it("a lagging replica never stores old figures under a newer version", async () => {
    await replica.setApplyDelay("3s");
    try {
      await visitAnotherEnterprise();
      const { db, readRouter } = app.db;
      const replicaDb = readRouter.client();
      expect(readRouter.isReplica(replicaDb)).toBe(true);
      const newer = await app.cache.readRollupVersion(db);
      const older = await app.cache.readRollupVersion(replicaDb);
      expect(older).not.toBe(newer);

      // A request that saw the primary's version loads its figures from the lagging replica.
      const cache = new app.cache.RollupCache();
      const input = { period: YEAR, previous: { from: "2014-01-01", to: "2014-12-31" }, group: "bank" as const, filter: { cities: "all" as const } };
      let movedOn = 0;
      const fromReplica = await app.cache.cachedRollupReads(replicaDb, cache, newer, () => movedOn++).sum(input);
      // The replica's figures are kept under the replica's own version, not the newer one: a
      // reader at the newer version loads the primary's figures (one more visit for bank A).
      const atNewer = await app.cache.cachedRollupReads(db, cache, newer).sum(input);
      expect(atNewer.get(world.bankA)!.current.visited).toBe(fromReplica.get(world.bankA)!.current.visited + 1);
      expect(movedOn).toBe(1);
      expect(cache.size).toBe(2);
    } finally {
      await replica.setApplyDelay(null);
      await replicaCaughtUp();
    }
  });

  it("a replica that shuts down is dropped at once, before its next check", async () => {
    const { ReadRouter } = await import("@/lib/db-replicas");
    const { createReplicaClient } = await import("@/lib/db-client");
    const own = createReplicaClient(replica.url("app"), { max: 2 });
    // No check for a minute: only the pool's errors can take the replica out of rotation.
    const router = new ReadRouter(app.db.db, [own], { maxLagSeconds: 60, checkIntervalMs: 60_000 });
    try {
      await router.refresh();
      expect(router.isReplica(router.client())).toBe(true);
      await own.client.$queryRaw`SELECT 1`; // an idle connection in the pool
      await replica.stop();
      for (let i = 0; i < 40 && router.isReplica(router.client()); i++) await new Promise((r) => setTimeout(r, 50));
      expect(router.isReplica(router.client())).toBe(false);
      expect(router.states()[0]).toMatchObject({ healthy: false, error: expect.stringContaining("terminating connection") });
    } finally {
      await replica.start();
      await own.client.$disconnect().catch(() => {});
      await own.pool.end().catch(() => {});
    }
  });

  it("when the replica stops, dashboards come from the primary and /api/ready says the replica is down; when it is back, reads go back to it", async () => {
    await replica.stop();
    try {
      const states = await app.db.readRouter.refresh();
      expect(states).toEqual([expect.objectContaining({ healthy: false, lagSeconds: null })]);
      expect(states[0]!.error).toBeTruthy();
      expect(app.db.readRouter.isReplica(app.db.readDb(regulator))).toBe(false);

      // A visit logged while the replica is down shows on the regulator's dashboard (primary).
      const before = await bankAVisits(regulator);
      await visitAnotherEnterprise();
      expect(await bankAVisits(regulator)).toBe(before + 1);

      const ready = await app.readiness(app.db.db, undefined, app.db.readRouter);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: "ready", reads: "primary", replicas: [{ healthy: false }] });
    } finally {
      await replica.start();
    }
    await replicaCaughtUp();
    // The pool's connections to the stopped server fail once and are dropped: check again.
    for (let i = 0; i < 10 && !(await app.db.readRouter.refresh())[0]!.healthy; i++) await new Promise((r) => setTimeout(r, 100));
    expect(app.db.readRouter.isReplica(app.db.readDb(regulator))).toBe(true);
  });
});
