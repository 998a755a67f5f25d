// The local development database: one persistent embedded PostgreSQL cluster under .data/
// (git-ignored), shared by `npm run dev`, `npm run db:migrate`, `npm run db:seed` and friends.
// Kept in one place so every script agrees on where it lives and which port it listens on.
export const DEV_PG = {
  /** Cluster data directory, relative to the project root. */
  dataDir: ".data/pg",
  /** Fixed (not random) so a running dev server and a second script find the same cluster. */
  port: 54329,
  /** The application database inside that cluster. */
  database: "shoudai",
} as const;
