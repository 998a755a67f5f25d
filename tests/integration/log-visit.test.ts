import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { logVisit } from "@/lib/commands/log-visit";
import { AppError } from "@/lib/errors";
import { todayInShanghai, addDays } from "@/lib/domain/dates";
import { buildWorld, countRows, type ActorName, type World } from "../support/world";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

const validVisit = (enterpriseId: string) => ({
  enterpriseId,
  visitedOn: todayInShanghai(),
  mode: "ON_SITE",
  hasNeed: "yes",
  amountWan: "100",
  termMonths: "12",
  purpose: "WORKING_CAPITAL",
  notes: "现场查看了生产车间",
  followUpOn: addDays(todayInShanghai(), 7),
});

async function expectDenied(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe("logVisit", () => {
  it("by the owner writes the visit, the need, one stage event and one audit row", async () => {
    const before = await countRows();
    const result = await logVisit(await world.actor("owner"), validVisit(world.enterpriseId));
    const after = await countRows();
    expect(after.visits - before.visits).toBe(1);
    expect(after.needs - before.needs).toBe(1);
    expect(after.stageEvents - before.stageEvents).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    expect(result.stage).toBe("VISITED");

    const need = await db.financingNeed.findFirstOrThrow({ where: { visitId: result.visitId } });
    expect(need.amount.toFixed(2)).toBe("1000000.00");
    const event = await db.stageEvent.findFirstOrThrow({ where: { causeId: result.visitId } });
    expect([event.fromStage, event.toStage]).toEqual(["NO_LOAN", "VISITED"]);
    const client = await db.bankClient.findUniqueOrThrow({ where: { id: world.clientId } });
    expect(client.stage).toBe("VISITED");
    expect(client.firstNeedAt?.toISOString().slice(0, 10)).toBe(todayInShanghai());
  });

  it("a phone call with a need moves 无贷户 to 需求已登记; a second visit writes no stage event", async () => {
    const w = await buildWorld();
    const phone = { ...validVisit(w.enterpriseId), mode: "PHONE" };
    expect((await logVisit(await w.actor("owner"), phone)).stage).toBe("NEED_REGISTERED");
    const before = await countRows();
    await logVisit(await w.actor("branchHead"), { ...phone, notes: "行长电话回访" });
    const after = await countRows();
    expect(after.visits - before.visits).toBe(1);
    expect(after.stageEvents - before.stageEvents).toBe(0);
  });

  const denied: [ActorName, string][] = [
    ["sameBranchManager", "NOT_FOUND"],
    ["otherBranchManager", "NOT_FOUND"],
    ["otherBankManager", "NOT_FOUND"],
    ["otherBranchHead", "NOT_FOUND"],
    ["headOffice", "NOT_FOUND"],
    ["regulator", "NOT_FOUND"],
    ["signedOut", "UNAUTHENTICATED"],
    ["disabled", "UNAUTHENTICATED"],
  ];
  for (const [name, code] of denied) {
    it(`by ${name} is denied and writes nothing`, async () => {
      const before = await countRows();
      await expectDenied(logVisit(await world.actor(name), validVisit(world.enterpriseId)), code);
      expect(await countRows()).toEqual(before);
    });
  }

  it("a disabled user is denied even with a valid session id", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { id: world.userIds.owner } });
    const w = await buildWorld();
    await db.user.update({ where: { id: w.userIds.owner }, data: { isActive: false } });
    const before = await countRows();
    await expectDenied(logVisit(await w.actor("owner"), validVisit(w.enterpriseId)), "UNAUTHENTICATED");
    expect(await countRows()).toEqual(before);
    expect(user.isActive).toBe(true);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ["a missing date", { visitedOn: undefined }, "visitedOn"],
    ["a future date", { visitedOn: addDays(todayInShanghai(), 1) }, "visitedOn"],
    ["a zero amount", { amountWan: "0" }, "amountWan"],
    ["a negative amount", { amountWan: "-5" }, "amountWan"],
    ["an absurd amount", { amountWan: "99999999" }, "amountWan"],
    ["a non-numeric amount", { amountWan: "abc" }, "amountWan"],
    ["a number instead of a string", { amountWan: 100 }, "amountWan"],
    ["an unknown mode", { mode: "TELEPATHY" }, "mode"],
    ["overlong notes", { notes: "很".repeat(2001) }, "notes"],
    ["an extra key", { stage: "PARTNER" }, "_form"],
    ["a need without a term", { termMonths: "" }, "termMonths"],
    ["no need and no reason", { hasNeed: "no" }, "noNeedReason"],
    ["a follow-up before the visit", { followUpOn: "2020-01-01" }, "followUpOn"],
  ];
  for (const [label, patch, field] of bad) {
    it(`rejects ${label} with a field error and writes nothing`, async () => {
      const before = await countRows();
      const input = { ...validVisit(world.enterpriseId), ...patch };
      const error = await logVisit(await world.actor("owner"), input).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("INVALID_INPUT");
      const fieldErrors = (error as AppError).fieldErrors ?? {};
      expect(Object.keys(fieldErrors)).toContain(field);
      expect(fieldErrors[field]).toHaveLength(1); // one clear message per problem
      expect(await countRows()).toEqual(before);
    });
  }

  it("another bank's enterprise id answers not found and writes nothing", async () => {
    const before = await countRows();
    await expectDenied(logVisit(await world.actor("owner"), validVisit(world.otherBankEnterpriseId)), "NOT_FOUND");
    await expectDenied(logVisit(await world.actor("owner"), validVisit("00000000-0000-4000-8000-000000000000")), "NOT_FOUND");
    expect(await countRows()).toEqual(before);
  });

  it("five concurrent submissions with the same client key: one visit, every caller answered with it, one not a replay", async () => {
    const w = await buildWorld();
    const input = { ...validVisit(w.enterpriseId), clientKey: `k${w.tag}retry` };
    const actor = await w.actor("owner");
    const results = await Promise.all(Array.from({ length: 5 }, () => logVisit(actor, input)));
    const [visit] = await db.visit.findMany({ where: { clientId: w.clientId }, select: { id: true } });
    expect(await db.visit.count({ where: { clientId: w.clientId } })).toBe(1);
    expect(results.map((r) => r.visitId)).toEqual(Array(5).fill(visit!.id));
    expect(results.filter((r) => !r.isReplay)).toHaveLength(1);
    expect(await db.auditLog.count({ where: { action: "visit.log", entityId: visit!.id } })).toBe(1);
  });

  it("the same client key with other fields is a conflict and writes nothing", async () => {
    const w = await buildWorld();
    const actor = await w.actor("owner");
    const clientKey = `k${w.tag}reused`;
    await logVisit(actor, { ...validVisit(w.enterpriseId), clientKey });
    const before = await countRows();
    await expectDenied(logVisit(actor, { ...validVisit(w.enterpriseId), notes: "另一次走访", clientKey }), "CONFLICT");
    expect(await countRows()).toEqual(before);
  });
});
