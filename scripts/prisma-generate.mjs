// Runs `prisma generate` offline. Prisma's CLI wants the native schema-engine binary even
// for commands that never use it; we point it at a stub that exits 1, so any command that
// really needs the engine (migrate, db push) fails loudly instead of silently doing nothing.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const stub = path.resolve("node_modules/.cache/shoudai/schema-engine-stub");
if (!existsSync(stub)) {
  mkdirSync(path.dirname(stub), { recursive: true });
  writeFileSync(stub, "#!/bin/sh\necho 'native schema engine unavailable: use npm run db:migrate' >&2\nexit 1\n");
  chmodSync(stub, 0o755);
}
const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: stub,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
process.exit(result.status ?? 1);
