// Executes every cell of the authorization matrix (tests/support/authz-matrix.ts) and checks
// that the matrix covers every server action and every data-layer read.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { buildWorld, countRows, type World } from "../support/world";
import { ACTION_MATRIX, ACTOR_NAMES, PUBLIC_ACTIONS, QUERY_MATRIX } from "../support/authz-matrix";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Exported async functions of every .ts file in a folder and its subfolders (what Next exposes as endpoints, for actions). */
function exportedAsyncFunctions(folder: string): { name: string; file: string }[] {
  const dir = path.join(ROOT, folder);
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return exportedAsyncFunctions(`${folder}/${entry.name}`);
    if (!entry.name.endsWith(".ts")) return [];
    const source = readFileSync(path.join(dir, entry.name), "utf8");
    const names = [
      ...source.matchAll(/export\s+async\s+function\s+(\w+)/g),
      ...source.matchAll(/export\s+const\s+(\w+)\s*=\s*(?:cache\()?\s*async\b/g),
    ].map((m) => m[1]!);
    return names.map((name) => ({ name, file: `${folder}/${entry.name}` }));
  });
}

function isUseServer(file: string): boolean {
  return /^\s*["']use server["']/.test(readFileSync(path.join(ROOT, file), "utf8"));
}

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

describe("the matrix covers every endpoint", () => {
  it("every exported async function of a 'use server' file in lib/actions has a matrix row (or is listed as public with a reason)", () => {
    const actions = exportedAsyncFunctions("lib/actions").filter((a) => isUseServer(a.file));
    expect(actions.length).toBeGreaterThan(0);
    const covered = new Map(ACTION_MATRIX.map((row) => [row.action, row.file]));
    const missing = actions.filter((a) => covered.get(a.name) !== a.file && !(a.name in PUBLIC_ACTIONS));
    expect(missing, "server actions without an authorization-matrix row (tests/support/authz-matrix.ts)").toEqual([]);
    // And no stale rows: each row names an action that exists where it says.
    for (const row of ACTION_MATRIX) expect(actions).toContainEqual({ name: row.action, file: row.file });
    for (const [name, reason] of Object.entries(PUBLIC_ACTIONS)) {
      expect(actions.map((a) => a.name)).toContain(name);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it("no 'use server' file outside lib/actions (every endpoint is where the scan looks)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (!["node_modules", ".next", "generated", ".git"].includes(entry.name)) walk(rel);
        } else if (/\.tsx?$/.test(entry.name) && !rel.startsWith("lib/actions/") && isUseServer(rel)) offenders.push(rel);
      }
    };
    for (const dir of ["app", "components", "lib"]) walk(dir);
    expect(offenders).toEqual([]);
  });

  it("every exported async function in lib/queries has a matrix row", () => {
    const queries = exportedAsyncFunctions("lib/queries");
    const covered = new Map(QUERY_MATRIX.map((row) => [row.query, row.file]));
    expect(queries.filter((q) => covered.get(q.name) !== q.file), "reads without an authorization-matrix row").toEqual([]);
    for (const row of QUERY_MATRIX) expect(queries).toContainEqual({ name: row.query, file: row.file });
  });

  it("every row has a cell for every kind of caller", () => {
    for (const row of [...ACTION_MATRIX, ...QUERY_MATRIX]) expect(Object.keys(row.cells).sort()).toEqual([...ACTOR_NAMES].sort());
  });
});

describe.each(ACTION_MATRIX.map((row) => [row.action, row] as const))("%s", (_name, row) => {
  it.each(ACTOR_NAMES.map((actor) => [actor, row.cells[actor]] as const))("× %s: %s", async (actorName, cell) => {
    const prepared = await row.prepare(world);
    const actor = await world.actor(actorName);
    const before = await countRows();
    const outcome = await row.call(actor, prepared).then(() => null, (e: unknown) => e);
    if (cell === "allow") {
      expect(outcome, `${row.command} as ${actorName}`).toBeNull();
      return;
    }
    expect(outcome).toBeInstanceOf(AppError);
    const expected = actorName === "signedOut" || actorName === "disabled" ? "UNAUTHENTICATED" : "NOT_FOUND";
    expect((outcome as AppError).code).toBe(expected);
    expect(await countRows()).toEqual(before);
  });
});

describe.each(QUERY_MATRIX.map((row) => [row.query, row] as const))("%s", (_name, row) => {
  it.each(ACTOR_NAMES.map((actor) => [actor, row.cells[actor]] as const))("× %s: %s", async (actorName, cell) => {
    const sees = await row.sees(world, await world.actor(actorName));
    expect(sees).toBe(cell === "allow");
  });
});
