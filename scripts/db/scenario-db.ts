// A database brought to the current schema and loaded with the zhejiang-2020 scenario (the
// benches' throw-away clusters, tests/support/scenario-db.ts).
import pg from "pg";
import { demoPasswordHash } from "../../prisma/seed/factories";
import { loadScenario } from "../../prisma/seed/scenario/zhejiang-2020";
import { prepareDatabase } from "./prepare";

/** Migrates the (empty) database at `url` and loads the scenario at `scale`; the load's seconds. */
export async function loadScenarioDatabase(url: string, scale: number): Promise<number> {
  await prepareDatabase(url, { seed: false });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = Date.now();
    await loadScenario(client, scale, await demoPasswordHash());
    return (Date.now() - started) / 1000;
  } finally {
    await client.end();
  }
}
