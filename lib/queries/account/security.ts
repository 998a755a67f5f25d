import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { totpRequired } from "@/lib/auth/actor";
import { openTotpSecret, totpUri } from "@/lib/auth/totp";
import { db } from "@/lib/db";

export type AccountSecurity = {
  name: string;
  email: string;
  passwordChangedAt: string | null;
  totp: {
    enrolled: boolean;
    enabledAt: string | null;
    /** Required for this user (role, admin, or their bank's rule): cannot be turned off. */
    required: boolean;
    recoveryCodesLeft: number;
  };
};

/** The caller's own password and two-factor state (never anyone else's): null when signed out. */
export async function getAccountSecurity(actor: Actor | null): Promise<AccountSecurity | null> {
  if (!actor) return null;
  const user = await db.user.findUnique({
    where: { id: actor.userId },
    select: {
      name: true, email: true, role: true, isAdmin: true, isActive: true, passwordChangedAt: true, totpEnabledAt: true,
      bank: { select: { requireTotp: true } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  if (!user || !user.isActive) return null;
  return {
    name: user.name,
    email: user.email,
    passwordChangedAt: user.passwordChangedAt?.toISOString() ?? null,
    totp: {
      enrolled: user.totpEnabledAt !== null,
      enabledAt: user.totpEnabledAt?.toISOString() ?? null,
      required: totpRequired({ role: user.role, isAdmin: user.isAdmin, bankRequiresTotp: user.bank?.requireTotp ?? false }),
      recoveryCodesLeft: user.totpEnabledAt ? user._count.recoveryCodes : 0,
    },
  };
}

export type PendingTotpEnrolment = { secret: string; uri: string };

/**
 * The caller's own pending TOTP secret (started, not yet confirmed), to show as a QR code and
 * as text — never once enrolment is confirmed (then the secret is not shown again).
 */
export async function getPendingTotpEnrolment(actor: Actor | null): Promise<PendingTotpEnrolment | null> {
  if (!actor) return null;
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { email: true, isActive: true, totpSecret: true, totpEnabledAt: true } });
  if (!user || !user.isActive || user.totpEnabledAt) return null;
  const secret = openTotpSecret(user.totpSecret);
  return secret ? { secret, uri: totpUri(user.email, secret) } : null;
}
