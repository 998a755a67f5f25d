import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { approvalScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";

/** The number in the navigation badge: proposals this branch head may decide (not their own). */
export async function countPendingApprovals(actor: Actor | null): Promise<number> {
  if (!actor) return 0;
  return db.creditLine.count({
    where: { status: "PENDING", client: approvalScope(actor), proposedById: { not: actor.userId } },
  });
}
