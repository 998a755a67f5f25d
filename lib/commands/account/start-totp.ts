// Step one of TOTP enrolment: a new secret, kept server-side (sealed in users.totp_secret while
// totp_enabled_at stays null) until a code from the authenticator confirms it. Each new
// attempt overwrites the previous pending secret; an enrolled account cannot start over here
// (it turns two-factor off first, where that is allowed).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { newTotpSecret, sealTotpSecret } from "@/lib/auth/totp";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { ruleViolation } from "@/lib/errors";
import { auditMeta, ownUser, type AccountContext } from "./shared";

export async function startTotpEnrolment(actor: Actor | null, ctx?: AccountContext): Promise<{ started: true }> {
  const who = requireActor(actor);
  const user = await ownUser(who.userId);
  if (user.totpEnabledAt) throw ruleViolation("totpAlreadyEnabled");
  const sealed = sealTotpSecret(newTotpSecret());
  return db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: user.id, totpEnabledAt: null }, data: { totpSecret: sealed, totpLastStep: null } });
    if (updated.count !== 1) throw ruleViolation("totpAlreadyEnabled");
    await writeAudit(tx, { actorId: user.id, bankId: user.bankId, action: "totp.enrol_start", entityType: "user", entityId: user.id, ...auditMeta(ctx) });
    return { started: true as const };
  });
}
