// The admin callers' cells of the authorization matrix (tests/support/authz-matrix-admin.ts):
// the world's ten callers are covered by tests/integration/authz-matrix.test.ts (all refused);
// here bank A's admin, bank B's admin and a regulator admin. Allowed cells succeed; refused
// cells answer "not found" and leave users, branches, banks, sessions and the audit log as
// they were.
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { buildWorld, type World } from "../support/world";
import { adminState } from "../support/admin";
import { ADMIN_ACTIONS, ADMIN_ACTOR_NAMES, ADMIN_QUERIES, adminActors, type AdminActorName } from "../support/authz-matrix-admin";

let world: World;
let actors: Record<AdminActorName, Actor>;
beforeAll(async () => {
  world = await buildWorld();
  actors = await adminActors(world);
});

describe.each(ADMIN_ACTIONS.map((row) => [row.action, row] as const))("%s", (_name, row) => {
  it.each(ADMIN_ACTOR_NAMES.map((name) => [name, row.adminCells[name]] as const))("× %s: %s", async (name, cell) => {
    const prepared = await row.prepare(world);
    const before = await adminState();
    const outcome = await row.call(actors[name], prepared).then(() => null, (e: unknown) => e);
    if (cell === "allow") {
      expect(outcome, `${row.command} as ${name}`).toBeNull();
      expect(await adminState(), "an allowed change wrote something").not.toBe(before);
      return;
    }
    expect(outcome).toBeInstanceOf(AppError);
    expect((outcome as AppError).code).toBe("NOT_FOUND");
    expect(await adminState()).toBe(before);
  });
});

describe.each(ADMIN_QUERIES.map((row) => [row.query, row] as const))("%s", (_name, row) => {
  it.each(ADMIN_ACTOR_NAMES.map((name) => [name, row.adminCells[name]] as const))("× %s: %s", async (name, cell) => {
    expect(await row.sees(world, actors[name])).toBe(cell === "allow");
  });
});
