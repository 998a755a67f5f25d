// A database of its own on the test server, migrated and loaded with the zhejiang-2020
// scenario at a test scale (tests/integration/scenario.test.ts, notice-scenario.test.ts).
import pg from "pg";
import { loadScenarioDatabase } from "../../scripts/db/scenario-db";

async function onServer(sql: string): Promise<void> {
  const server = new URL(process.env.DATABASE_URL!);
  server.pathname = "/postgres";
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates (or recreates) database `name`, migrates it and loads the scenario; `drop` removes it. */
export async function scenarioDatabase(name: string, scale: number): Promise<{ url: string; drop: () => Promise<void> }> {
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await onServer(`CREATE DATABASE "${name}"`);
  const target = new URL(process.env.DATABASE_URL!);
  target.pathname = `/${name}`;
  const url = target.toString();
  await loadScenarioDatabase(url, scale);
  return { url, drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
