import path from "node:path";
import { defineConfig } from "prisma/config";

// Read DATABASE_URL without env(): env() throws when it is unset, which would break
// `prisma generate` during installs and builds that have no database.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
