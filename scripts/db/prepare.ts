// Brings a database to the current schema: migrations, reference data, and (optionally) the
// demo seed when the database is empty. Used by dev, tests and CI.
import { migrate } from "./migrate";
import { syncReferenceData } from "./reference-data";
import { installJobQueue } from "../../lib/jobs/queue";

export async function prepareDatabase(databaseUrl: string, options: { seed: boolean }): Promise<void> {
  const applied = await migrate(databaseUrl, { quiet: true });
  if (applied.length) console.log(`applied ${applied.length} migration(s): ${applied.join(", ")}`);
  await syncReferenceData(databaseUrl);
  // The job queue's own schema (pg-boss manages it) and the app's queues.
  await installJobQueue(databaseUrl);
  if (options.seed) {
    // lib/db reads DATABASE_URL when first imported, so import the seed only now.
    process.env.DATABASE_URL = databaseUrl;
    const { seedIfEmpty } = await import("../../prisma/seed");
    await seedIfEmpty(databaseUrl);
  }
}
