// npm run db:seed — seeds the demo province into an empty database (DATABASE_URL, or the
// embedded development database). Refuses to seed a database that already has data.
import { createPrismaClient } from "@/lib/db-client";
import { seedDemo } from "./seed/demo";

export async function seedIfEmpty(databaseUrl: string): Promise<boolean> {
  const db = createPrismaClient(databaseUrl);
  try {
    if ((await db.bank.count()) > 0) return false;
    const started = Date.now();
    const result = await seedDemo(db);
    console.log(`seeded demo province: ${result.enterprises} enterprises, ${result.visits} visits in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("Set DATABASE_URL, or run `npm run dev`, which seeds the embedded database itself.");
    process.exit(1);
  }
  const seeded = await seedIfEmpty(url);
  if (!seeded) console.log("database already has data: nothing seeded");
}
