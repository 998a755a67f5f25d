// Authorization-matrix rows of the pool's filters and export (see tests/support/authz-matrix.ts):
// what the filter bar names and what a file holds follow the pool's own scope (the client's
// manager, the head of its branch, its bank's head office); regulators have no pool.
import { db } from "@/lib/db";
import { getPoolFilterChoices } from "@/lib/queries/pool-filter-choices";
import { poolForExport } from "@/lib/queries/pool-export";
import { buildPoolExport } from "@/lib/queries/pool-export-table";
import { poolFilterSchema } from "@/lib/queries/pool-filter";
import { only, type QueryRow } from "./authz-cells";
import type { World } from "./world";

async function worldEnterprise(world: World) {
  return db.enterprise.findUniqueOrThrow({ where: { id: world.enterpriseId }, select: { uscc: true, name: true } });
}

export const POOL_QUERIES: QueryRow[] = [
  {
    query: "poolForExport",
    file: "lib/queries/pool-export.ts",
    cells: only("owner", "branchHead", "headOffice"),
    sees: async (world, actor) => {
      const e = await worldEnterprise(world);
      const found = await poolForExport(actor, poolFilterSchema.parse({ q: e.uscc }));
      return !!found && found.rows.length === 1 && found.rows[0]!.uscc === e.uscc;
    },
  },
  {
    query: "buildPoolExport",
    file: "lib/queries/pool-export-table.ts",
    // GET /api/v1/exports/pool: the same rows, ticked by client id or matched by the filter.
    cells: only("owner", "branchHead", "headOffice"),
    sees: async (world, actor) => {
      const e = await worldEnterprise(world);
      const table = await buildPoolExport(actor, new URLSearchParams([["q", e.uscc], ["id", world.clientId]]));
      return !!table && table.rows.length === 1 && table.rows[0]!.uscc === e.uscc;
    },
  },
  {
    query: "getPoolFilterChoices",
    file: "lib/queries/pool-filter-choices.ts",
    // The name of the world client's manager, as a filter chip: only inside the reader's scope.
    cells: only("owner", "branchHead", "headOffice"),
    sees: async (world, actor) => {
      const choices = await getPoolFilterChoices(actor, { q: "", manager: world.userIds.owner });
      return choices?.labels.manager === `owner-${world.tag}`;
    },
  },
];
