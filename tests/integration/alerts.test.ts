// The daily scan (issue 12): each alert kind raised by its cause (and not by a near miss), sent
// to the right person, closed when the cause is gone, moved with a handover; the branch head's
// digest; re-running a day writes nothing; the bell and mark-read are strictly personal.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runDailyScan } from "@/lib/alerts/scan";
import { logVisit } from "@/lib/commands/log-visit";
import { reassignClient } from "@/lib/commands/reassign-client";
import { recordDisbursement } from "@/lib/commands/record-disbursement";
import { markNotificationsRead } from "@/lib/commands/mark-notifications-read";
import { addDays, todayInShanghai } from "@/lib/domain/dates";
import { AppError } from "@/lib/errors";
import { countUnreadNotifications, listNotifications } from "@/lib/queries/notifications";
import { addClient, approvedLine, disbursementInput, pendingLine } from "../support/money";
import { buildWorld, type World } from "../support/world";

const today = todayInShanghai();
const D = addDays(today, 40);

let world: World;
const c: Record<string, { enterpriseId: string; clientId: string }> = {};

async function open(userId: string, kind: string, clientId?: string) {
  return db.notification.findMany({ where: { userId, kind: kind as never, closedAt: null, ...(clientId ? { clientId } : {}) } });
}

beforeAll(async () => {
  world = await buildWorld();
  const owner = await world.actor("owner");
  for (const name of ["need", "needLater", "followUp", "notDrawn", "expiring", "partner", "untouched", "fresh", "pending"]) c[name] = await addClient(world);
  // A need raised today by phone (no on-site visit): waiting 40 days on D.
  await logVisit(owner, { enterpriseId: c.need!.enterpriseId, visitedOn: today, mode: "PHONE", hasNeed: "yes", amountWan: "80", termMonths: "12", purpose: "WORKING_CAPITAL", notes: "电话了解需求" });
  // A follow-up promised for today + 10: passed on D.
  await logVisit(owner, { enterpriseId: c.followUp!.enterpriseId, visitedOn: today, mode: "ON_SITE", hasNeed: "no", noNeedReason: "NO_NEED_NOW", notes: "暂无需求", followUpOn: addDays(today, 10) });
  // Approved today, never drawn: 40 days on D. Another line ending 5 days after D.
  await approvedLine(world, c.notDrawn!.enterpriseId);
  await approvedLine(world, c.expiring!.enterpriseId, { validTo: addDays(today, 45) });
  // A 首贷户 of this bank whose only line ends 5 days after D, no further line.
  const partnerLine = await approvedLine(world, c.partner!.enterpriseId, { validTo: addDays(today, 45) });
  await recordDisbursement(owner, disbursementInput(partnerLine, "100000"));
  // Listed clients: one with its manager for 100 days on D and never contacted, one for 40.
  await db.bankClient.update({ where: { id: c.untouched!.clientId }, data: { assignedAt: new Date(Date.now() - 60 * 86_400_000) } });
  const batch = await db.listBatch.create({ data: { listType: "BANKS_VISIT_ENTERPRISES", name: `alerts-${world.tag}`, issuedOn: new Date(`${today}T00:00:00Z`) } });
  await db.listMembership.createMany({ data: [c.untouched!, c.fresh!].map((x) => ({ enterpriseId: x.enterpriseId, batchId: batch.id, listType: "BANKS_VISIT_ENTERPRISES" as const, listedOn: new Date(`${today}T00:00:00Z`) })) });
  // A proposal submitted today, still pending.
  await pendingLine(world, c.pending!.enterpriseId);
});

describe("daily scan", () => {
  it("a week is not yet 'waiting': six days after the need there is no alert; a pending proposal after 1 day neither", async () => {
    await runDailyScan(addDays(today, 1));
    expect(await open(world.userIds.branchHead, "PROPOSAL_PENDING", c.pending!.clientId)).toHaveLength(0);
    await runDailyScan(addDays(today, 6));
    expect(await open(world.userIds.owner, "NEED_NO_VISIT", c.need!.clientId)).toHaveLength(0);
  });

  it("raises every kind for the client's own manager on the day the cause holds, and nothing for near misses", async () => {
    const counts = await runDailyScan(D);
    expect(counts.opened).toBeGreaterThanOrEqual(8);
    const owner = world.userIds.owner;
    expect(await open(owner, "NEED_NO_VISIT", c.need!.clientId)).toHaveLength(1);
    expect(await open(owner, "FOLLOW_UP_DUE", c.followUp!.clientId)).toHaveLength(1);
    expect(await open(owner, "APPROVED_NOT_DRAWN", c.notDrawn!.clientId)).toHaveLength(1);
    expect(await open(owner, "LINE_EXPIRING", c.expiring!.clientId)).toHaveLength(1);
    expect(await open(owner, "PARTNER_AT_RISK", c.partner!.clientId)).toHaveLength(1);
    expect(await open(owner, "UNTOUCHED", c.untouched!.clientId)).toHaveLength(1);
    // Near misses: a drawn line is not "not drawn"; a client assigned 40 days ago is not untouched.
    expect(await open(owner, "APPROVED_NOT_DRAWN", c.partner!.clientId)).toHaveLength(0);
    expect(await open(owner, "UNTOUCHED", c.fresh!.clientId)).toHaveLength(0);
    // The pending proposal goes to the branch head, not the manager who proposed it.
    expect(await open(world.userIds.branchHead, "PROPOSAL_PENDING", c.pending!.clientId)).toHaveLength(1);
    expect(await open(owner, "PROPOSAL_PENDING")).toHaveLength(0);
    // Nobody of another branch or bank hears of it.
    for (const other of [world.userIds.otherBranchHead, world.userIds.otherBankManager, world.userIds.sameBranchManager]) {
      expect(await db.notification.count({ where: { userId: other, clientId: { in: Object.values(c).map((x) => x.clientId) } } })).toBe(0);
    }
  });

  it("the branch head's digest of the day counts the branch's open alerts by kind", async () => {
    const digest = await db.notification.findUniqueOrThrow({
      where: { userId_kind_causeKey: { userId: world.userIds.branchHead, kind: "DAILY_DIGEST", causeKey: `digest:${D}` } },
    });
    const payload = digest.payload as { counts: Record<string, number>; total: number };
    const branchOpen = await db.notification.count({
      where: { closedAt: null, kind: { notIn: ["DAILY_DIGEST", "PROPOSAL_PENDING", "NOTICE_PUBLISHED"] }, clientId: { not: null }, user: { branchId: world.branchA1 } },
    });
    expect(payload.counts.NEED_NO_VISIT).toBeGreaterThanOrEqual(1);
    expect(payload.counts.PROPOSAL_PENDING).toBeGreaterThanOrEqual(1);
    expect(payload.total - (payload.counts.PROPOSAL_PENDING ?? 0)).toBe(branchOpen);
  });

  it("running the same day again writes nothing", async () => {
    const before = await db.notification.count();
    const again = await runDailyScan(D);
    expect(again).toMatchObject({ opened: 0, closed: 0, digests: 0 });
    expect(await db.notification.count()).toBe(before);
  });

  it("an alert closes by itself when its cause is gone (the need visited on site)", async () => {
    await logVisit(await world.actor("owner"), { enterpriseId: c.need!.enterpriseId, visitedOn: today, mode: "ON_SITE", hasNeed: "no", noNeedReason: "OWN_FUNDS_ENOUGH", notes: "上门核实" });
    const counts = await runDailyScan(D);
    expect(counts.closed).toBeGreaterThanOrEqual(1);
    expect(await open(world.userIds.owner, "NEED_NO_VISIT", c.need!.clientId)).toHaveLength(0);
    const closed = await db.notification.findFirstOrThrow({ where: { userId: world.userIds.owner, kind: "NEED_NO_VISIT", clientId: c.need!.clientId } });
    expect(closed.closedAt).not.toBeNull();
  });

  it("a handover moves the alert: gone from the old manager's list at once, the new manager's after the scan", async () => {
    await reassignClient(await world.actor("branchHead"), { clientId: c.untouched!.clientId, managerId: world.userIds.sameBranchManager, reason: "调岗" });
    const oldList = await listNotifications(await world.actor("owner"));
    expect(oldList.map((n) => n.enterpriseId)).not.toContain(c.untouched!.enterpriseId);
    await runDailyScan(D);
    expect(await open(world.userIds.owner, "UNTOUCHED", c.untouched!.clientId)).toHaveLength(0);
    const newList = await listNotifications(await world.actor("sameBranchManager"));
    expect(newList.filter((n) => n.kind === "UNTOUCHED").map((n) => n.enterpriseId)).toContain(c.untouched!.enterpriseId);
  });
});

describe("the bell", () => {
  it("counts my unread open alerts; marking one read lowers it; another person's id reads as missing", async () => {
    const owner = await world.actor("owner");
    const before = await countUnreadNotifications(owner);
    expect(before).toBeGreaterThan(0);
    const [first] = await listNotifications(owner);
    expect(await markNotificationsRead(owner, { id: first!.id })).toEqual({ marked: 1 });
    expect(await countUnreadNotifications(owner)).toBe(before - 1);
    const error = await markNotificationsRead(await world.actor("branchHead"), { id: first!.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("NOT_FOUND");
    expect(await markNotificationsRead(owner, { all: "yes" })).toEqual({ marked: before - 1 });
    expect(await countUnreadNotifications(owner)).toBe(0);
  });
});
