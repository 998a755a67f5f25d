// What the distribution screens read: head office's overview (waiting per county, branches with
// counts), a branch head's manager choices, and whose clients need a handover (disabled first).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getDistributionOverview } from "@/lib/queries/assignment-branches";
import { listManagerChoices } from "@/lib/queries/assignment-managers";
import { listHandoverNeeds } from "@/lib/queries/assignment-handover";
import { buildWorld, type World } from "../support/world";
import { addClients, addManager } from "../support/assign";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

describe("distribution reads", () => {
  it("head office: waiting clients per county with the county's branches; branches with their counts", async () => {
    await addClients(world, 2, { countyCode: "330483" });
    await addClients(world, 1, { countyCode: "330102" });
    const overview = (await getDistributionOverview(await world.actor("headOffice")))!;
    expect(overview.waiting).toBe(3);
    expect(overview.counties.map((c) => [c.countyCode, c.waiting, c.branches.map((b) => b.name)])).toEqual([
      ["330102", 1, []],
      ["330483", 2, ["甲一支行"]],
    ]);
    expect(overview.branches.map((b) => [b.name, b.clients, b.withoutManager])).toEqual([["甲一支行", 1, 0], ["甲二支行", 0, 0]]);
  });

  it("branch head: only active account managers of the branch, with what they hold", async () => {
    const disabled = await addManager(world, "A1", { isActive: false });
    const choices = (await listManagerChoices(await world.actor("branchHead")))!;
    const ids = choices.managers.map((m) => m.id);
    expect(ids).toContain(world.userIds.owner);
    expect(ids).toContain(world.userIds.sameBranchManager);
    for (const not of [disabled, world.userIds.disabled, world.userIds.otherBranchManager, world.userIds.otherBankManager, world.userIds.branchHead]) expect(ids).not.toContain(not);
    expect(choices.managers.find((m) => m.id === world.userIds.owner)!.clients).toBe(1);
  });

  it("handover needs: a disabled manager and one moved to another branch come first; head office sees the count per branch", async () => {
    const leaver = await addManager(world, "A1");
    await addClients(world, 3, { branch: "A1", managerId: leaver });
    await db.user.update({ where: { id: leaver }, data: { isActive: false } });
    const mover = await addManager(world, "A1");
    await addClients(world, 2, { branch: "A1", managerId: mover });
    await db.user.update({ where: { id: mover }, data: { branchId: world.branchA2 } });

    const needs = (await listHandoverNeeds(await world.actor("branchHead")))!;
    expect(needs.map((n) => [n.managerId, n.clients, n.reason])).toEqual([
      [leaver, 3, "disabled"],
      [mover, 2, "movedAway"],
      [world.userIds.owner, 1, null],
    ]);
    // The other branch's head has none of these.
    expect(await listHandoverNeeds(await world.actor("otherBranchHead"))).toEqual([]);
    const overview = (await getDistributionOverview(await world.actor("headOffice")))!;
    expect(overview.branches.find((b) => b.id === world.branchA1)!.needsHandover).toBe(5);
  });
});
