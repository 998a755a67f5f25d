// The enterprise page's DTO: the assignment history on the timeline (who, from, to, why), and
// "another bank also serves this enterprise" with nothing but that bank's coarse stage band.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getPipeline, type AssignmentTimelineItem } from "@/lib/queries/get-pipeline";
import { reassignClient } from "@/lib/commands/reassign-client";
import { distributeClients } from "@/lib/commands/distribute-clients";
import { assignClients } from "@/lib/commands/assign-clients";
import { logVisit } from "@/lib/commands/log-visit";
import { recordDisbursement } from "@/lib/commands/record-disbursement";
import { todayInShanghai } from "@/lib/domain/dates";
import { buildWorld, type World } from "../support/world";
import { addToBankB, approvedLine, disbursementInput, extraActor } from "../support/money";
import { addClients } from "../support/assign";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

const assignmentsOf = (items: { kind: string }[]) => items.filter((i): i is AssignmentTimelineItem => i.kind === "assignment");

describe("assignment history on the enterprise timeline", () => {
  it("shows distribute, assign and reassign with branch and manager names and the reason, newest first", async () => {
    const [c] = await addClients(world, 1);
    await distributeClients(await world.actor("headOffice"), { mode: "selection", branchId: world.branchA1, selection: { by: "ids", clientIds: [c!.clientId] } });
    await assignClients(await world.actor("branchHead"), { selection: { by: "ids", clientIds: [c!.clientId] }, managerIds: [world.userIds.owner] });
    await reassignClient(await world.actor("branchHead"), { clientId: c!.clientId, managerId: world.userIds.sameBranchManager, reason: "客户要求更换" });

    const names = await db.user.findMany({ where: { id: { in: [world.userIds.owner, world.userIds.sameBranchManager, world.userIds.headOffice, world.userIds.branchHead] } }, select: { id: true, name: true } });
    const name = (id: string) => names.find((n) => n.id === id)!.name;
    const pipeline = await getPipeline(await world.actor("branchHead"), c!.enterpriseId);
    const history = assignmentsOf(pipeline!.timeline);
    expect(history.map((h) => [h.assignKind, h.fromBranch, h.toBranch, h.fromManager, h.toManager, h.by, h.reason])).toEqual([
      ["REASSIGN", "甲一支行", "甲一支行", name(world.userIds.owner), name(world.userIds.sameBranchManager), name(world.userIds.branchHead), "客户要求更换"],
      ["ASSIGN", "甲一支行", "甲一支行", null, name(world.userIds.owner), name(world.userIds.branchHead), null],
      ["DISTRIBUTE", null, "甲一支行", null, null, name(world.userIds.headOffice), null],
    ]);
    // The new manager sees the history too (the work stays with the client).
    const asNewManager = await getPipeline(await world.actor("sameBranchManager"), c!.enterpriseId);
    expect(assignmentsOf(asNewManager!.timeline)).toHaveLength(3);
    expect(asNewManager!.client.managerId).toBe(world.userIds.sameBranchManager);
    // The old manager no longer sees the client at all.
    expect(await getPipeline(await world.actor("owner"), c!.enterpriseId)).toBeNull();
  });

  it("the branch head may reassign; head office and the manager may not", async () => {
    expect((await getPipeline(await world.actor("branchHead"), world.enterpriseId))!.canReassign).toBe(true);
    expect((await getPipeline(await world.actor("headOffice"), world.enterpriseId))!.canReassign).toBe(false);
    expect((await getPipeline(await world.actor("owner"), world.enterpriseId))!.canReassign).toBe(false);
  });
});

describe("another bank serving the same enterprise", () => {
  it("shows no band when only this bank serves it", async () => {
    const [c] = await addClients(world, 1, { branch: "A1", managerId: world.userIds.owner });
    expect((await getPipeline(await world.actor("owner"), c!.enterpriseId))!.otherBankBands).toEqual([]);
  });

  it("shows the other bank's band only: no name, people, notes, amounts or ids of that bank", async () => {
    const [c] = await addClients(world, 1, { branch: "A1", managerId: world.userIds.owner });
    await addToBankB(world, c!.enterpriseId);
    const bManager = await world.actor("otherBankManager");
    await logVisit(bManager, { enterpriseId: c!.enterpriseId, visitedOn: todayInShanghai(), mode: "ON_SITE", hasNeed: "yes", amountWan: "88.88", termMonths: "12", purpose: "WORKING_CAPITAL", notes: "乙行内部备注：老板想要低息" });

    const contact = await getPipeline(await world.actor("owner"), c!.enterpriseId);
    expect(contact!.otherBankBands).toEqual(["CONTACT"]);

    const bHead = await extraActor(world, "BRANCH_HEAD", "B1");
    const lineId = await approvedLine(world, c!.enterpriseId, { limitAmount: "1234567" }, { proposer: bManager, approver: bHead });
    await recordDisbursement(bManager, disbursementInput(lineId, "765432.10"));

    for (const viewer of ["owner", "branchHead", "headOffice"] as const) {
      const dto = await getPipeline(await world.actor(viewer), c!.enterpriseId);
      expect(dto!.otherBankBands).toEqual(["LOAN"]);
      const text = JSON.stringify(dto);
      const bUsers = await db.user.findMany({ where: { bankId: world.bankB }, select: { name: true } });
      for (const secret of [`乙银行${world.tag}`, "乙一支行", world.bankB, world.branchB1, lineId, "1234567", "765432", "888800", "低息", ...bUsers.map((u) => u.name)]) {
        expect(text, `${viewer} must not see ${secret}`).not.toContain(secret);
      }
      // The band is the only field about other banks.
      expect(Object.keys(dto!).filter((k) => /other|bank/i.test(k))).toEqual(["otherBankBands"]);
      expect(dto!.lines).toEqual([]);
      expect(dto!.timeline.every((i) => i.kind !== "visit")).toBe(true);
    }
  });
});
