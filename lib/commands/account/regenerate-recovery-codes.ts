// Ten new recovery codes for an enrolled account (the old ones, used or not, stop working):
// the current password and a current authenticator code first. The code's step is stored, so
// it cannot be replayed to sign in.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { openTotpSecret, verifyTotpCode } from "@/lib/auth/totp";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { ruleViolation } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { regenerateRecoveryCodesSchema } from "@/lib/schemas/account";
import { auditMeta, ownUser, recoveryCodePairs, replaceRecoveryCodes, requireCurrentPassword, wrongOtp, type AccountContext } from "./shared";
import type { RecoveryCodesResult } from "./confirm-totp";

export async function regenerateRecoveryCodes(actor: Actor | null, raw: unknown, ctx?: AccountContext): Promise<RecoveryCodesResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(regenerateRecoveryCodesSchema, raw);
  const user = await ownUser(who.userId);
  const secret = user.totpEnabledAt ? openTotpSecret(user.totpSecret) : null;
  if (!secret) throw ruleViolation("totpNotEnabled");
  await requireCurrentPassword(user, input.currentPassword);
  const checked = await verifyTotpCode(secret, input.code, user.totpLastStep);
  if (!checked.ok) throw wrongOtp();
  const { codes, hashes } = await recoveryCodePairs();

  return db.$transaction(async (tx) => {
    const stored = await tx.$executeRaw`UPDATE users SET totp_last_step = ${checked.step}
      WHERE id = ${user.id}::uuid AND totp_enabled_at IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < ${checked.step})`;
    if (stored !== 1) throw wrongOtp();
    await replaceRecoveryCodes(tx, user.id, hashes);
    await writeAudit(tx, {
      actorId: user.id, bankId: user.bankId, action: "totp.recovery_codes_regenerate", entityType: "user", entityId: user.id,
      after: { recoveryCodes: hashes.length }, ...auditMeta(ctx),
    });
    return { recoveryCodes: codes };
  });
}
