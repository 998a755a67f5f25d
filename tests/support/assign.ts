// Fixtures for the distribution tests: clients waiting at bank A's head office, clients of a
// branch without a manager, extra managers, and what the history and audit tables hold.
import { randomInt, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { createEnterprise, createUser } from "@/prisma/seed/factories";
import type { World } from "./world";

/** New enterprises in bank A's pool, waiting at head office (or at `branch`, with `managerId`). */
export async function addClients(
  world: World,
  n: number,
  options: { countyCode?: string; branch?: "A1" | "A2" | null; managerId?: string | null; bank?: "A" | "B" } = {},
): Promise<{ clientId: string; enterpriseId: string }[]> {
  const out: { clientId: string; enterpriseId: string }[] = [];
  const branchId = options.branch === "A1" ? world.branchA1 : options.branch === "A2" ? world.branchA2 : null;
  for (let i = 0; i < n; i += 1) {
    const enterprise = await createEnterprise(db, { seq: 1_000_000_000 + randomInt(0, 2 ** 40), countyCode: options.countyCode ?? "330483" });
    const client = await db.bankClient.create({
      data: {
        bankId: options.bank === "B" ? world.bankB : world.bankA,
        branchId: options.bank === "B" ? world.branchB1 : branchId,
        enterpriseId: enterprise.id,
        managerId: options.managerId ?? null,
      },
      select: { id: true },
    });
    out.push({ clientId: client.id, enterpriseId: enterprise.id });
  }
  return out;
}

/** Another account manager (or head) of a branch of the world, active unless told otherwise. */
export async function addManager(world: World, branch: "A1" | "A2" | "B1", options: { isActive?: boolean } = {}): Promise<string> {
  const bankId = branch === "B1" ? world.bankB : world.bankA;
  const branchId = branch === "A1" ? world.branchA1 : branch === "A2" ? world.branchA2 : world.branchB1;
  const user = await createUser(db, {
    email: `m.${randomUUID().slice(0, 8)}.${world.tag}@shoudai.test`,
    name: `经理${randomUUID().slice(0, 4)}`,
    role: "ACCOUNT_MANAGER",
    bankId,
    branchId,
    ...(options.isActive === false ? { isActive: false } : {}),
  });
  return user.id;
}

export async function placement(clientIds: string[]) {
  const rows = await db.bankClient.findMany({ where: { id: { in: clientIds } }, select: { id: true, branchId: true, managerId: true } });
  return new Map(rows.map((r) => [r.id, { branchId: r.branchId, managerId: r.managerId }]));
}

export async function historyOf(clientIds: string[]) {
  return db.clientAssignment.findMany({ where: { clientId: { in: clientIds } }, orderBy: { id: "asc" } });
}
