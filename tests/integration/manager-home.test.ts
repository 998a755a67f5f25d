// The manager's home lists the decisions on their own proposals (issue 13): approved, or
// rejected with the reason; not a colleague's, not older than 30 days.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decideCredit } from "@/lib/commands/decide-credit";
import { proposeCredit } from "@/lib/commands/propose-credit";
import { getManagerHome } from "@/lib/queries/manager-home";
import { addClient, approvedLine, pendingLine, proposalInput } from "../support/money";
import { buildWorld, type World } from "../support/world";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

describe("manager home: decisions on my proposals", () => {
  it("shows my approved and rejected proposals (with the reason), newest first, and nothing of a colleague's", async () => {
    const approved = await approvedLine(world, (await addClient(world)).enterpriseId);
    const rejectedOn = (await addClient(world)).enterpriseId;
    const rejected = await pendingLine(world, rejectedOn);
    await decideCredit(await world.actor("branchHead"), { creditLineId: rejected, decision: "REJECT", reason: "经营流水不足" });
    // A colleague's proposal, decided: not on my home.
    const theirs = await addClient(world);
    await db.bankClient.update({ where: { id: theirs.clientId }, data: { managerId: world.userIds.sameBranchManager } });
    const { creditLineId: colleague } = await proposeCredit(await world.actor("sameBranchManager"), proposalInput(theirs.enterpriseId));
    await decideCredit(await world.actor("branchHead"), { creditLineId: colleague, decision: "APPROVE" });
    // An old decision (40 days ago): no longer listed.
    const old = await approvedLine(world, (await addClient(world)).enterpriseId);
    await db.creditLine.update({ where: { id: old }, data: { decidedAt: new Date(Date.now() - 40 * 86_400_000) } });

    const home = await getManagerHome(await world.actor("owner"), {});
    expect(home?.decisions.map((d) => [d.creditLineId, d.status, d.reason])).toEqual([
      [rejected, "REJECTED", "经营流水不足"],
      [approved, "APPROVED", null],
    ]);
    const colleagueHome = await getManagerHome(await world.actor("sameBranchManager"), {});
    expect(colleagueHome?.decisions.map((d) => d.creditLineId)).toEqual([colleague]);
  });
});
