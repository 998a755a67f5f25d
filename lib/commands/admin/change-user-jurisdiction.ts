// A regulator admin changes a regulator user's jurisdiction (浙江, 浙江不含宁波, 宁波): what
// they see changes, so their sessions end at once.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { endUserSessions } from "@/lib/auth/sessions";
import { changeJurisdictionSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { assertJurisdictionWithin, lockManagedUser, NO_META, requireRegulatorAdmin, userSnapshot } from "@/lib/commands/admin/authorize";
import type { UserChange } from "@/lib/commands/admin/change-user-role";

export async function changeUserJurisdiction(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<UserChange> {
  const admin = requireRegulatorAdmin(actor);
  const input = parseOrThrow(changeJurisdictionSchema, raw);
  assertJurisdictionWithin(admin, input.jurisdiction);
  return db.$transaction(async (tx) => {
    const user = await lockManagedUser(tx, admin, input.userId);
    if (user.jurisdiction === input.jurisdiction) return { userId: user.id, changed: false, sessionsEnded: 0 };
    const updated = await tx.user.update({ where: { id: user.id }, data: { jurisdiction: input.jurisdiction } });
    const sessionsEnded = await endUserSessions(tx, user.id, "ROLE_CHANGED");
    await writeAudit(tx, {
      actorId: admin.userId, bankId: null, action: "user.change_jurisdiction", entityType: "user", entityId: user.id,
      before: userSnapshot(user), after: { ...userSnapshot(updated), sessionsEnded }, ...meta,
    });
    return { userId: user.id, changed: true, sessionsEnded };
  });
}
