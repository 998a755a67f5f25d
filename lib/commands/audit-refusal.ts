// Refused access to an id: a signed-in user asked for an enterprise, proposal or list batch
// that does not exist or is not theirs. The answer stays exactly the missing-id answer (404);
// the audit log records who asked for what, from where — repeated probing shows up there.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { writeAudit } from "@/lib/commands/audit";
import { db } from "@/lib/db";
import { logRequest } from "@/lib/request-log";

export type RefusedAccess = { entityType: "enterprise" | "credit_line" | "list_batch"; entityId: string; path: string };

/**
 * Writes one "access.refused" row for a signed-in caller (signed-out callers are sent to
 * sign in, they learn nothing). Never throws: a failed audit write is logged and the caller
 * still gets the usual 404.
 */
export async function auditRefusal(actor: Actor | null, refused: RefusedAccess, meta: RequestMeta): Promise<void> {
  if (!actor) return;
  try {
    await writeAudit(db, {
      actorId: actor.userId,
      bankId: actor.bankId,
      action: "access.refused",
      entityType: refused.entityType,
      // The id as asked for, malformed or not (the column holds 64 characters).
      entityId: refused.entityId.slice(0, 64),
      after: { path: refused.path.slice(0, 300) },
      ...meta,
    });
  } catch (error) {
    await logRequest("error", "refused access not recorded in the audit log", { error });
  }
}
