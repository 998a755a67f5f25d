// Authorization-matrix rows of the assign feature (see tests/support/authz-matrix.ts).
// Distribution is head office's (to branches) and the branch head's (to managers, reassign,
// handover) — of their own bank and branch only; managers, other branches' heads, other
// banks and regulators are answered "not found".
import { db } from "@/lib/db";
import { distributeClients } from "@/lib/commands/distribute-clients";
import { assignClients } from "@/lib/commands/assign-clients";
import { reassignClient } from "@/lib/commands/reassign-client";
import { handoverClients } from "@/lib/commands/handover-clients";
import { getDistributionOverview } from "@/lib/queries/assignment-branches";
import { listManagerChoices } from "@/lib/queries/assignment-managers";
import { listHandoverNeeds } from "@/lib/queries/assignment-handover";
import { action, only, type ActionRow, type QueryRow } from "./authz-cells";
import { addClients, addManager } from "./assign";

export const ASSIGN_ACTIONS: readonly ActionRow[] = [
  action({
    action: "distributeClientsAction",
    file: "lib/actions/assign.ts",
    command: "distributeClients",
    cells: only("headOffice"),
    prepare: async (world) => ({ clientId: (await addClients(world, 1))[0]!.clientId, branchId: world.branchA2 }),
    call: (actor, { clientId, branchId }) => distributeClients(actor, { mode: "selection", branchId, selection: { by: "ids", clientIds: [clientId] } }),
  }),
  action({
    action: "assignClientsAction",
    file: "lib/actions/assign.ts",
    command: "assignClients",
    cells: only("branchHead"),
    prepare: async (world) => ({ clientId: (await addClients(world, 1, { branch: "A1" }))[0]!.clientId, managerId: world.userIds.sameBranchManager }),
    call: (actor, { clientId, managerId }) => assignClients(actor, { selection: { by: "ids", clientIds: [clientId] }, managerIds: [managerId] }),
  }),
  action({
    action: "reassignClientAction",
    file: "lib/actions/assign.ts",
    command: "reassignClient",
    cells: only("branchHead"),
    prepare: async (world) => ({ clientId: (await addClients(world, 1, { branch: "A1", managerId: world.userIds.owner }))[0]!.clientId, managerId: world.userIds.sameBranchManager }),
    call: (actor, { clientId, managerId }) => reassignClient(actor, { clientId, managerId, reason: "工作调整" }),
  }),
  action({
    action: "handoverClientsAction",
    file: "lib/actions/assign.ts",
    command: "handoverClients",
    cells: only("branchHead"),
    prepare: async (world) => {
      const leaver = await addManager(world, "A1");
      await addClients(world, 2, { branch: "A1", managerId: leaver });
      return { leaver, to: world.userIds.owner };
    },
    call: (actor, { leaver, to }) => handoverClients(actor, { fromManagerId: leaver, toManagerIds: [to] }),
  }),
];

export const ASSIGN_QUERIES: readonly QueryRow[] = [
  {
    query: "getDistributionOverview",
    file: "lib/queries/assignment-branches.ts",
    cells: only("headOffice"),
    // A new client waiting at bank A's head office is counted in its county.
    sees: async (world, actor) => {
      await addClients(world, 1, { countyCode: "330483" });
      const overview = await getDistributionOverview(actor);
      return !!overview && overview.branches.some((b) => b.id === world.branchA1) && (overview.counties.find((c) => c.countyCode === "330483")?.waiting ?? 0) > 0;
    },
  },
  {
    query: "listManagerChoices",
    file: "lib/queries/assignment-managers.ts",
    // The head of A1 gets A1's managers; the head of A2 gets A2's, never the owner.
    cells: only("branchHead"),
    sees: async (world, actor) => !!(await listManagerChoices(actor))?.managers.some((m) => m.id === world.userIds.owner),
  },
  {
    query: "listHandoverNeeds",
    file: "lib/queries/assignment-handover.ts",
    // A disabled manager of A1 holding clients shows, first, to the head of A1 only.
    cells: only("branchHead"),
    sees: async (world, actor) => {
      const leaver = await addManager(world, "A1");
      await addClients(world, 1, { branch: "A1", managerId: leaver });
      await db.user.update({ where: { id: leaver }, data: { isActive: false } });
      const needs = await listHandoverNeeds(actor);
      return !!needs && needs[0]?.reason === "disabled" && needs.some((n) => n.managerId === leaver);
    },
  },
];
