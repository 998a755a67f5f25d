// The offline client list (issue 13): an account manager's most recently contacted clients,
// theirs only, last contact first, at most OFFLINE_CLIENTS; no list for other roles.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listRecentClients } from "@/lib/queries/recent-clients";
import { addClient } from "../support/money";
import { buildWorld, type World } from "../support/world";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

describe("offline client list", () => {
  it("lists the manager's own clients, most recent contact first, never-contacted after, and nobody else's", async () => {
    const older = await addClient(world);
    const newer = await addClient(world);
    const never = await addClient(world);
    await db.bankClient.update({ where: { id: older.clientId }, data: { lastContactAt: new Date("2026-03-01") } });
    await db.bankClient.update({ where: { id: newer.clientId }, data: { lastContactAt: new Date("2026-06-01") } });
    // A colleague's client of the same branch, contacted more recently than any of mine.
    const theirs = await addClient(world);
    await db.bankClient.update({ where: { id: theirs.clientId }, data: { managerId: world.userIds.sameBranchManager, lastContactAt: new Date("2026-07-01") } });

    const mine = await listRecentClients(await world.actor("owner"));
    const ids = mine!.map((c) => c.enterpriseId);
    expect(ids).not.toContain(theirs.enterpriseId);
    expect(ids.indexOf(newer.enterpriseId)).toBeLessThan(ids.indexOf(older.enterpriseId));
    expect(ids.indexOf(older.enterpriseId)).toBeLessThan(ids.indexOf(never.enterpriseId));
    expect(mine!.find((c) => c.enterpriseId === newer.enterpriseId)?.lastContactOn).toBe("2026-06-01");
    expect(mine!.length).toBeLessThanOrEqual(200);

    const colleague = await listRecentClients(await world.actor("sameBranchManager"));
    expect(colleague!.map((c) => c.enterpriseId)).toContain(theirs.enterpriseId);
    expect(colleague!.map((c) => c.enterpriseId)).not.toContain(newer.enterpriseId);
    expect(await listRecentClients(await world.actor("branchHead"))).toBeNull();
  });
});
