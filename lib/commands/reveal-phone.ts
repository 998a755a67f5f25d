// "Show full number": the legal representative's phone of an enterprise the actor may read
// (the enterprise page's scope: their bank's client, as clientReadScope lets them see it),
// written to the audit log as personal_data.reveal. Regulators never see personal contact
// data; anyone else's or an unknown enterprise is "not found", and nothing is written.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { canSeePersonalData, clientReadScope } from "@/lib/auth/scope";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { uuid } from "@/lib/schemas/common";

export async function revealLegalRepPhone(actorOrNull: Actor | null, input: { enterpriseId: unknown }, meta: RequestMeta = { ip: null, userAgent: null }): Promise<{ phone: string | null }> {
  const actor = requireActor(actorOrNull);
  const enterpriseId = uuid.safeParse(input.enterpriseId);
  if (!enterpriseId.success || !canSeePersonalData(actor)) throw notFound();
  const client = await db.bankClient.findFirst({
    where: { AND: [clientReadScope(actor), { enterpriseId: enterpriseId.data }] },
    select: { enterprise: { select: { legalRepPhone: true } } },
  });
  if (!client) throw notFound();
  const phone = client.enterprise.legalRepPhone;
  // Nothing to reveal, nothing revealed.
  if (phone === null) return { phone: null };
  await writeAudit(db, {
    actorId: actor.userId,
    bankId: actor.bankId,
    action: "personal_data.reveal",
    entityType: "enterprise",
    entityId: enterpriseId.data,
    after: { field: "legalRepPhone" },
    ...meta,
  });
  return { phone };
}
