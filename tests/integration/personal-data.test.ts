// The legal representative's phone: masked wherever the enterprise is shown (the page's query
// never carries the full number), shown in full only on request by someone who may open the
// enterprise (audited as personal_data.reveal), never to a regulator.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getPipeline } from "@/lib/queries/get-pipeline";
import { revealLegalRepPhone } from "@/lib/commands/reveal-phone";
import { buildWorld, countRows, type ActorName, type World } from "../support/world";

let world: World;
let fullPhone: string;
const meta = { ip: "192.0.2.44", userAgent: "Mozilla/5.0 test" };

beforeAll(async () => {
  world = await buildWorld();
  fullPhone = "13812341569";
  await db.enterprise.update({ where: { id: world.enterpriseId }, data: { legalRepPhone: fullPhone } });
});

describe("masked by default", () => {
  it.each(["owner", "branchHead", "headOffice"] as const)("%s sees 138****1569 on the enterprise page, never the full number", async (name) => {
    const pipeline = await getPipeline(await world.actor(name), world.enterpriseId);
    expect(pipeline?.enterprise.legalRepPhoneMasked).toBe("138****1569");
    expect(JSON.stringify(pipeline)).not.toContain(fullPhone);
  });
});

describe("show full number", () => {
  it("gives the owner the full number and writes personal_data.reveal with who, which enterprise, bank and where from — not the number", async () => {
    const result = await revealLegalRepPhone(await world.actor("owner"), { enterpriseId: world.enterpriseId }, meta);
    expect(result.phone).toBe(fullPhone);
    const rows = await db.auditLog.findMany({ where: { action: "personal_data.reveal", entityId: world.enterpriseId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: world.userIds.owner, bankId: world.bankA, entityType: "enterprise", ip: meta.ip, userAgent: meta.userAgent });
    expect(JSON.stringify({ ...rows[0], id: String(rows[0]!.id) })).not.toContain(fullPhone);
  });

  it.each([
    ["regulator", "NOT_FOUND"],
    ["otherBankManager", "NOT_FOUND"],
    ["sameBranchManager", "NOT_FOUND"],
    ["signedOut", "UNAUTHENTICATED"],
    ["disabled", "UNAUTHENTICATED"],
  ] as [ActorName, string][])("%s is refused (%s) and nothing is written", async (name, code) => {
    const before = await countRows();
    const outcome = await revealLegalRepPhone(await world.actor(name), { enterpriseId: world.enterpriseId }, meta).then(() => null, (e: unknown) => e);
    expect(outcome).toBeInstanceOf(AppError);
    expect((outcome as AppError).code).toBe(code);
    expect(await countRows()).toEqual(before);
  });

  it.each([["another bank's enterprise", () => world.otherBankEnterpriseId], ["a malformed id", () => "-".repeat(36)], ["a number", () => 42]])("%s reads as not found", async (_name, id) => {
    const outcome = await revealLegalRepPhone(await world.actor("headOffice"), { enterpriseId: id() }, meta).then(() => null, (e: unknown) => e);
    expect((outcome as AppError).code).toBe("NOT_FOUND");
  });

  it("an enterprise without a phone reveals nothing and writes nothing", async () => {
    await db.enterprise.update({ where: { id: world.enterpriseId }, data: { legalRepPhone: null } });
    try {
      const before = await countRows();
      expect(await revealLegalRepPhone(await world.actor("branchHead"), { enterpriseId: world.enterpriseId }, meta)).toEqual({ phone: null });
      expect(await countRows()).toEqual(before);
      expect((await getPipeline(await world.actor("branchHead"), world.enterpriseId))?.enterprise.legalRepPhoneMasked).toBeNull();
    } finally {
      await db.enterprise.update({ where: { id: world.enterpriseId }, data: { legalRepPhone: fullPhone } });
    }
  });
});
