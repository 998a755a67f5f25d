// Marks the caller's own notifications read: one, or all open ones. Personal reading state,
// not a change to the programme's data: no audit row (the alert itself stays until its cause
// is gone). Another person's notification id answers exactly like a missing one.
import type { Actor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/commands/require-actor";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { markReadSchema } from "@/lib/schemas/notifications";

export async function markNotificationsRead(actor: Actor | null, input: unknown): Promise<{ marked: number }> {
  const who = requireActor(actor);
  const parsed = markReadSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "invalidInput");
  if ("id" in parsed.data) {
    const own = await db.notification.findFirst({ where: { id: parsed.data.id, userId: who.userId }, select: { id: true, readAt: true } });
    if (!own) throw notFound();
    if (own.readAt) return { marked: 0 };
    await db.notification.update({ where: { id: own.id }, data: { readAt: new Date() } });
    return { marked: 1 };
  }
  const { count } = await db.notification.updateMany({ where: { userId: who.userId, readAt: null, closedAt: null }, data: { readAt: new Date() } });
  return { marked: count };
}
