// Fixtures for the organisation admin tests: admins of bank A and bank B and a regulator admin
// beside the world's (non-admin) actors, sessions to watch end, and a snapshot of everything an
// admin command may write (to prove a refusal wrote nothing).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { createSession } from "@/lib/auth/sessions";
import { createUser } from "@/prisma/seed/factories";
import type { World } from "./world";

export type Admins = {
  /** Bank A's head-office admin. */
  bankA: Actor;
  /** Bank B's head-office admin. */
  bankB: Actor;
  regulator: Actor;
  ids: { bankA: string; bankB: string; regulator: string };
};

export async function addAdmins(world: World): Promise<Admins> {
  type Scope = Pick<Parameters<typeof createUser>[1], "role" | "bankId" | "jurisdiction">;
  const make = async (name: string, scope: Scope) =>
    (await createUser(db, { ...scope, email: `${name}.${randomUUID().slice(0, 8)}.${world.tag}@shoudai.test`, name: `${name}-${world.tag}`, isAdmin: true })).id;
  const ids = {
    bankA: await make("adminA", { role: "BANK_HEAD_OFFICE", bankId: world.bankA }),
    bankB: await make("adminB", { role: "BANK_HEAD_OFFICE", bankId: world.bankB }),
    regulator: await make("regAdmin", { role: "REGULATOR", jurisdiction: "ZHEJIANG" }),
  };
  return { bankA: (await loadActor(db, ids.bankA))!, bankB: (await loadActor(db, ids.bankB))!, regulator: (await loadActor(db, ids.regulator))!, ids };
}

/** A fresh user of the world (default: an account manager of A1), with one open session. */
export async function addUser(world: World, extra: Partial<Parameters<typeof createUser>[1]> = {}): Promise<{ id: string; sessionId: string }> {
  const user = await createUser(db, {
    email: `u.${randomUUID().slice(0, 8)}.${world.tag}@shoudai.test`, name: `用户${randomUUID().slice(0, 4)}`,
    role: "ACCOUNT_MANAGER", bankId: world.bankA, branchId: world.branchA1, ...extra,
  });
  return { id: user.id, sessionId: await openSession(user.id) };
}

export async function openSession(userId: string): Promise<string> {
  return createSession(db, userId, { ip: "203.0.113.9", userAgent: "test" });
}

export async function sessionEnd(sessionId: string): Promise<{ endedAt: Date | null; endReason: string | null }> {
  return db.userSession.findUniqueOrThrow({ where: { id: sessionId }, select: { endedAt: true, endReason: true } });
}

/** Everything admin commands write, as of now: compare before and after a refused call. */
export async function adminState(): Promise<string> {
  const [users, branches, banks, sessions, audit] = await Promise.all([
    db.user.findMany({
      select: { id: true, email: true, name: true, role: true, isActive: true, isAdmin: true, bankId: true, branchId: true, jurisdiction: true, passwordHash: true, mustChangePassword: true },
      orderBy: { id: "asc" },
    }),
    db.branch.findMany({ select: { id: true, name: true, nameEn: true, code: true, closedAt: true }, orderBy: { id: "asc" } }),
    db.bank.findMany({ select: { id: true, code: true, name: true, requireTotp: true }, orderBy: { id: "asc" } }),
    db.userSession.count({ where: { endedAt: null } }),
    db.auditLog.count(),
  ]);
  return JSON.stringify({ users, branches, banks, sessions, audit });
}

/** The newest audit row about an entity. */
export async function lastAudit(entityId: string) {
  return db.auditLog.findFirst({ where: { entityId }, orderBy: { id: "desc" } });
}
