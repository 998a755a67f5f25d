// Step two of TOTP enrolment: a current code from the authenticator proves the pending secret
// was scanned. Then the account is enrolled (totp_enabled_at), the code's step is remembered
// (it cannot be replayed to sign in), ten recovery codes replace any earlier ones (stored as
// argon2id hashes; the plain codes are returned once, to be shown once), and the user's other
// sessions end — they were opened without the second factor.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { endUserSessions } from "@/lib/auth/sessions";
import { openTotpSecret, verifyTotpCode } from "@/lib/auth/totp";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { AppError, ruleViolation } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { confirmTotpSchema } from "@/lib/schemas/account";
import { auditMeta, ownUser, recoveryCodePairs, replaceRecoveryCodes, wrongOtp, type AccountContext } from "./shared";

export type RecoveryCodesResult = { recoveryCodes: string[] };

export async function confirmTotpEnrolment(actor: Actor | null, raw: unknown, ctx?: AccountContext): Promise<RecoveryCodesResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(confirmTotpSchema, raw);
  const user = await ownUser(who.userId);
  if (user.totpEnabledAt) throw ruleViolation("totpAlreadyEnabled");
  const secret = openTotpSecret(user.totpSecret);
  if (!secret) throw ruleViolation("totpNotStarted");
  const checked = await verifyTotpCode(secret, input.code);
  if (!checked.ok) throw wrongOtp();
  const { codes, hashes } = await recoveryCodePairs();

  return db.$transaction(async (tx) => {
    // Only the secret the code was checked against, and only once.
    const updated = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null, totpSecret: user.totpSecret },
      data: { totpEnabledAt: new Date(), totpLastStep: checked.step },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "accountConflict");
    await replaceRecoveryCodes(tx, user.id, hashes);
    const sessionsEnded = await endUserSessions(tx, user.id, "TOTP_CHANGED", ctx?.sessionId ?? undefined);
    await writeAudit(tx, {
      actorId: user.id, bankId: user.bankId, action: "totp.enrol", entityType: "user", entityId: user.id,
      after: { recoveryCodes: hashes.length, sessionsEnded }, ...auditMeta(ctx),
    });
    return { recoveryCodes: codes };
  });
}
