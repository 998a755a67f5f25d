// Read replicas on PostgreSQL's own streaming replication (issue 14). One Prisma client per
// role: the primary (DATABASE_URL) takes every write and every read that is not explicitly a
// read-only path; the read-only paths (dashboards, the rollup API, exports, notices, coverage)
// ask `ReadRouter.client()` for a replica from DATABASE_REPLICA_URLS.
//
// Why not @prisma/extension-read-replicas: it sends every find*/count/aggregate of the whole
// app to a replica by operation name (commands read-then-write outside transactions too), and
// it knows nothing of a replica's health or lag. Here only the paths that chose a replica use
// one, and only a replica that answered its last check within REPLICA_MAX_LAG_SECONDS.
//
// Health is checked lazily, at most every REPLICA_CHECK_INTERVAL_MS per process (not per
// query): a read that finds the last check too old starts the next one in the background and
// is routed on what is known. Until the first check has answered, reads go to the primary.
// Lag, per replica: 0 when its replayed WAL position has reached the primary's current one
// (read just before); otherwise the age of the last transaction it replayed
// (now() − pg_last_xact_replay_timestamp()). An idle primary therefore never makes a replica
// look behind, and a replica that stopped receiving WAL shows its true age.
import type { Db } from "@/lib/db-client";
import { log } from "@/lib/log";

export type ReplicaState = {
  name: string;
  /** Host:port/database, never the password. */
  target: string;
  /** Answered, is a standby, and is within the allowed lag. */
  healthy: boolean;
  lagSeconds: number | null;
  /** WAL bytes the replica had not replayed yet at the check. */
  behindBytes: number | null;
  checkedAt: string | null;
  error: string | null;
};

export type ReplicaOptions = { maxLagSeconds: number; checkIntervalMs: number };

export function replicaOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ReplicaOptions {
  const maxLag = Number(env.REPLICA_MAX_LAG_SECONDS);
  const interval = Number(env.REPLICA_CHECK_INTERVAL_MS);
  return {
    maxLagSeconds: Number.isFinite(maxLag) && maxLag > 0 ? maxLag : 5,
    checkIntervalMs: Number.isFinite(interval) && interval >= 100 ? interval : 2000,
  };
}

/** DATABASE_REPLICA_URLS: comma-separated connection URLs; blanks ignored. */
export function replicaUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.DATABASE_REPLICA_URLS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(unparsable URL)";
  }
}

type Replica = { client: Db; state: ReplicaState };
/** What a pool of `pg` offers for this: its idle clients' errors. */
type ErrorSource = { on(event: "error", listener: (error: Error) => void): unknown };

export class ReadRouter {
  private readonly replicas: Replica[];
  private lastCheck = 0;
  private checking: Promise<ReplicaState[]> | null = null;
  private next = 0;

  constructor(
    private readonly primary: Db,
    replicas: { url: string; client: Db; pool?: ErrorSource }[],
    readonly options: ReplicaOptions,
  ) {
    this.replicas = replicas.map((r, i) => ({
      client: r.client,
      state: { name: `replica-${i + 1}`, target: describeTarget(r.url), healthy: false, lagSeconds: null, behindBytes: null, checkedAt: null, error: "not checked yet" },
    }));
    // A replica that shuts down or restarts terminates its idle connections: stop sending
    // reads there now, not at the next check; the next read starts that check.
    replicas.forEach((r, i) => r.pool?.on("error", (error) => this.markDown(this.replicas[i]!, error.message)));
  }

  private markDown(replica: Replica, reason: string): void {
    if (!replica.state.healthy) return;
    replica.state = { ...replica.state, healthy: false, lagSeconds: null, error: reason.slice(0, 200) };
    this.lastCheck = 0;
    log("warn", "read replica skipped: reads go to the primary", { replica: replica.state.name, target: replica.state.target, reason: replica.state.error });
  }

  get replicaCount(): number {
    return this.replicas.length;
  }

  /**
   * The client for a read-only path: the next healthy replica (round robin), or the primary
   * when there is none or the caller must read its own writes.
   */
  client(options: { primary?: boolean } = {}): Db {
    if (this.replicas.length === 0 || options.primary) return this.primary;
    if (Date.now() - this.lastCheck >= this.options.checkIntervalMs && !this.checking) void this.refresh().catch(() => {});
    const healthy = this.replicas.filter((r) => r.state.healthy);
    if (healthy.length === 0) return this.primary;
    this.next = (this.next + 1) % healthy.length;
    return healthy[this.next]!.client;
  }

  /** Whether `client` is one of the replicas (for logs and tests). */
  isReplica(client: Db): boolean {
    return this.replicas.some((r) => r.client === client);
  }

  /** Checks every replica now (concurrent callers share one check). */
  refresh(): Promise<ReplicaState[]> {
    if (this.checking) return this.checking;
    this.checking = this.checkAll().finally(() => {
      this.lastCheck = Date.now();
      this.checking = null;
    });
    return this.checking;
  }

  /** The states as of the last check, checking first when that is older than the interval. */
  async current(): Promise<ReplicaState[]> {
    if (this.replicas.length && Date.now() - this.lastCheck >= this.options.checkIntervalMs) await this.refresh();
    return this.states();
  }

  states(): ReplicaState[] {
    return this.replicas.map((r) => ({ ...r.state }));
  }

  private async checkAll(): Promise<ReplicaState[]> {
    let primaryLsn: string | null = null;
    try {
      const rows = await this.primary.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
      primaryLsn = rows[0]?.lsn ?? null;
    } catch {
      // The primary is down: replicas are still judged by the age of what they replayed.
    }
    await Promise.all(this.replicas.map((r) => this.checkOne(r, primaryLsn)));
    return this.states();
  }

  private async checkOne(replica: Replica, primaryLsn: string | null): Promise<void> {
    const wasHealthy = replica.state.healthy;
    const wasChecked = replica.state.checkedAt !== null;
    await this.measure(replica, primaryLsn);
    const now = replica.state;
    // One line when a replica leaves or rejoins the rotation, not one per check.
    if (now.healthy !== wasHealthy || (!wasChecked && !now.healthy)) {
      log(now.healthy ? "info" : "warn", now.healthy ? "read replica in rotation" : "read replica skipped: reads go to the primary", {
        replica: now.name, target: now.target, lagSeconds: now.lagSeconds, reason: now.error ?? undefined,
      });
    }
  }

  private async measure(replica: Replica, primaryLsn: string | null): Promise<void> {
    const checkedAt = new Date().toISOString();
    try {
      const rows = await replica.client.$queryRaw<{ standby: boolean; behind: number | null; age: number | null }[]>`
        SELECT pg_is_in_recovery() AS standby,
               CASE WHEN ${primaryLsn}::text IS NULL OR NOT pg_is_in_recovery() THEN NULL
                    ELSE greatest(pg_wal_lsn_diff(${primaryLsn}::text::pg_lsn, pg_last_wal_replay_lsn()), 0)::float8 END AS behind,
               extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8 AS age`;
      const row = rows[0]!;
      if (!row.standby) {
        replica.state = { ...replica.state, healthy: false, lagSeconds: null, behindBytes: null, checkedAt, error: "not a standby (promoted, or a primary's URL)" };
        return;
      }
      const lag = row.behind === 0 ? 0 : row.age === null ? null : Math.max(0, row.age);
      const healthy = lag !== null && lag <= this.options.maxLagSeconds;
      replica.state = {
        ...replica.state,
        healthy,
        lagSeconds: lag === null ? null : Math.round(lag * 1000) / 1000,
        behindBytes: row.behind,
        checkedAt,
        error: healthy ? null : lag === null ? "lag unknown (nothing replayed yet)" : `lag ${lag.toFixed(1)} s > ${this.options.maxLagSeconds} s`,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message.split("\n").filter(Boolean).pop()!.slice(0, 200) : "unreachable";
      replica.state = { ...replica.state, healthy: false, lagSeconds: null, behindBytes: null, checkedAt, error: message };
    }
  }
}
