// Creates the next Prisma migration from the changes in prisma/schema.prisma — our offline
// stand-in for `prisma migrate dev --create-only`, which needs a native engine we cannot
// download (see scripts/db/schema-engine.ts).
//
// Usage:
//   npm run db:migration:new -- <name>        e.g. npm run db:migration:new -- add_loan_officer
//
// <name> is snake_case ([a-z0-9_]+); the directory becomes
// prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql. Nothing is written when the
// schema has no changes. The work happens on a throw-away embedded PostgreSQL (your dev
// database is neither read nor touched): it applies the existing migrations, asks Prisma's
// schema engine for the SQL from that state to schema.prisma, writes it, and stops.
//
// Then: review the SQL (add hand-written CHECKs, partial indexes or triggers to it, or to a
// migration of their own — and list any partial index in HAND_WRITTEN_OBJECTS in
// schema-engine.ts), run `npm run db:migrate` to apply it to the dev database, and commit it.
// Never edit a migration once it has been applied anywhere: migrate() refuses edited history.
import { startEmbeddedPostgres, tempDataDir } from "./embedded";
import { migrate } from "./migrate";
import { createMigration } from "./schema-engine";

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || process.argv.length > 3) {
    console.error("Usage: npm run db:migration:new -- <snake_case_name>");
    process.exit(2);
  }
  if (!/^[a-z0-9_]+$/.test(name)) {
    console.error(`Migration name must be snake_case ([a-z0-9_]+), got "${name}"`);
    process.exit(2);
  }

  const cluster = await startEmbeddedPostgres({ dataDir: tempDataDir("new-migration"), persistent: false, quiet: true });
  try {
    await cluster.createDatabase("migration_base");
    const url = cluster.url("migration_base");
    await migrate(url, { quiet: true });
    const created = await createMigration(url, name);
    if (created) console.log(`\n${created.sql}`);
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
