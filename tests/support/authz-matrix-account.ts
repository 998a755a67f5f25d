// Authorization-matrix rows of the account security pages (tests/support/authz-matrix.ts).
// Everything here acts on the caller's own account: every signed-in user may change their own
// password, enrol TOTP, end their own sessions and manage their own API tokens; nobody reaches
// another user's session or token (the world's owner holds them: only("owner")). Turning
// two-factor off is refused to those who must use it (head office, regulator).
// Each call first puts the caller's own account into the state the command needs (a known
// password, a pending step, an enrolment), so rows do not depend on the order they run in.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { newApiToken } from "@/lib/auth/api-tokens";
import { hashPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/sessions";
import { currentTotpCode, newTotpSecret, openTotpSecret, sealTotpSecret } from "@/lib/auth/totp";
import { setInitialPassword } from "@/lib/commands/account/set-password";
import { changePassword } from "@/lib/commands/account/change-password";
import { startTotpEnrolment } from "@/lib/commands/account/start-totp";
import { confirmTotpEnrolment } from "@/lib/commands/account/confirm-totp";
import { regenerateRecoveryCodes } from "@/lib/commands/account/regenerate-recovery-codes";
import { disableTotp } from "@/lib/commands/account/disable-totp";
import { endOtherSessions, endOwnSession } from "@/lib/commands/account/sessions";
import { createApiToken, revokeApiToken } from "@/lib/commands/account/api-tokens";
import { getAccountSecurity, getPendingTotpEnrolment } from "@/lib/queries/account/security";
import { listOwnSessions } from "@/lib/queries/account/sessions";
import { listOwnApiTokens } from "@/lib/queries/account/api-tokens";
import { DEMO_PASSWORD } from "@/prisma/seed/factories";
import { action, only, type ActionRow, type QueryRow } from "./authz-cells";
import type { World } from "./world";

process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";

const SIGNED_IN = ["owner", "sameBranchManager", "otherBranchManager", "otherBankManager", "branchHead", "otherBranchHead", "headOffice", "regulator"] as const;
const NEW_PASSWORD = "matrix walks through every cell";
const meta = { ip: "10.9.8.7", userAgent: "authz-matrix" };

let knownHash: Promise<string> | null = null;
/** The caller's own account with a known password (DEMO_PASSWORD), TOTP off, nothing pending. */
async function resetOwnAccount(actor: Actor | null, extra: { mustChangePassword?: boolean } = {}) {
  if (!actor) return;
  knownHash ??= hashPassword(DEMO_PASSWORD);
  await db.user.update({
    where: { id: actor.userId },
    data: { passwordHash: await knownHash, mustChangePassword: extra.mustChangePassword ?? false, totpSecret: null, totpEnabledAt: null, totpLastStep: null },
  });
}

/** Enrols the caller's own account directly; returns the secret. */
async function enrolOwnAccount(actor: Actor | null): Promise<string | null> {
  await resetOwnAccount(actor);
  if (!actor) return null;
  const secret = newTotpSecret();
  await db.user.update({ where: { id: actor.userId }, data: { totpSecret: sealTotpSecret(secret), totpEnabledAt: new Date() } });
  return secret;
}

async function ownerSession(world: World) {
  return createSession(db, world.userIds.owner, meta);
}

async function ownerToken(world: World) {
  const { hash, prefix } = newApiToken();
  const row = await db.apiToken.create({ data: { userId: world.userIds.owner, name: `矩阵令牌${world.tag}`, prefix, tokenHash: hash }, select: { id: true } });
  return row.id;
}

export const ACCOUNT_ACTIONS: readonly ActionRow[] = [
  action({
    action: "setPasswordAction",
    file: "lib/actions/account.ts",
    command: "setInitialPassword",
    cells: only(...SIGNED_IN),
    prepare: async () => null,
    call: async (actor) => {
      await resetOwnAccount(actor, { mustChangePassword: true });
      return setInitialPassword(actor, { password: NEW_PASSWORD, repeat: NEW_PASSWORD }, { meta });
    },
  }),
  action({
    action: "changePasswordAction",
    file: "lib/actions/account.ts",
    command: "changePassword",
    cells: only(...SIGNED_IN),
    prepare: async () => null,
    call: async (actor) => {
      await resetOwnAccount(actor);
      return changePassword(actor, { currentPassword: DEMO_PASSWORD, password: NEW_PASSWORD, repeat: NEW_PASSWORD }, { meta });
    },
  }),
  action({
    action: "startTotpEnrolmentAction",
    file: "lib/actions/account.ts",
    command: "startTotpEnrolment",
    cells: only(...SIGNED_IN),
    prepare: async () => null,
    call: async (actor) => {
      await resetOwnAccount(actor);
      return startTotpEnrolment(actor, { meta });
    },
  }),
  action({
    action: "confirmTotpEnrolmentAction",
    file: "lib/actions/account.ts",
    command: "confirmTotpEnrolment",
    cells: only(...SIGNED_IN),
    prepare: async () => null,
    call: async (actor) => {
      await resetOwnAccount(actor);
      let code = "000000";
      if (actor) {
        await startTotpEnrolment(actor, { meta });
        const row = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpSecret: true } });
        code = await currentTotpCode(openTotpSecret(row.totpSecret)!);
      }
      return confirmTotpEnrolment(actor, { code }, { meta });
    },
  }),
  action({
    action: "regenerateRecoveryCodesAction",
    file: "lib/actions/account.ts",
    command: "regenerateRecoveryCodes",
    cells: only(...SIGNED_IN),
    prepare: async () => null,
    call: async (actor) => {
      const secret = await enrolOwnAccount(actor);
      const code = secret ? await currentTotpCode(secret) : "000000";
      return regenerateRecoveryCodes(actor, { currentPassword: DEMO_PASSWORD, code }, { meta });
    },
  }),
  action({
    action: "disableTotpAction",
    file: "lib/actions/account.ts",
    command: "disableTotp",
    // Head office and regulators must keep two-factor sign-in.
    cells: only("owner", "sameBranchManager", "otherBranchManager", "otherBankManager", "branchHead", "otherBranchHead"),
    prepare: async () => null,
    call: async (actor) => {
      await enrolOwnAccount(actor);
      return disableTotp(actor, { currentPassword: DEMO_PASSWORD }, { meta });
    },
  }),
  action({
    action: "endSessionAction",
    file: "lib/actions/account.ts",
    command: "endOwnSession",
    cells: only("owner"),
    prepare: async (world) => ({ sessionId: await ownerSession(world) }),
    call: (actor, { sessionId }) => endOwnSession(actor, { sessionId }, { meta }),
  }),
  action({
    action: "endOtherSessionsAction",
    file: "lib/actions/account.ts",
    command: "endOtherSessions",
    cells: only(...SIGNED_IN),
    prepare: async () => null,
    call: (actor) => endOtherSessions(actor, { meta }),
  }),
  action({
    action: "createApiTokenAction",
    file: "lib/actions/account.ts",
    command: "createApiToken",
    cells: only(...SIGNED_IN),
    prepare: async () => null,
    call: async (actor) => {
      // Stay under the per-user cap however often the matrix runs against one world.
      if (actor) await db.apiToken.updateMany({ where: { userId: actor.userId, revokedAt: null }, data: { revokedAt: new Date() } });
      return createApiToken(actor, { name: "矩阵", expiresInDays: "30" }, { meta });
    },
  }),
  action({
    action: "revokeApiTokenAction",
    file: "lib/actions/account.ts",
    command: "revokeApiToken",
    cells: only("owner"),
    prepare: async (world) => ({ tokenId: await ownerToken(world) }),
    call: (actor, { tokenId }) => revokeApiToken(actor, { tokenId }, { meta }),
  }),
];

export const ACCOUNT_QUERIES: readonly QueryRow[] = [
  {
    query: "getAccountSecurity",
    file: "lib/queries/account/security.ts",
    // Whose data came back: the owner's email, to the owner only.
    cells: only("owner"),
    sees: async (world, actor) => {
      const owner = await db.user.findUniqueOrThrow({ where: { id: world.userIds.owner }, select: { email: true } });
      return (await getAccountSecurity(actor))?.email === owner.email;
    },
  },
  {
    query: "getPendingTotpEnrolment",
    file: "lib/queries/account/security.ts",
    cells: only("owner"),
    sees: async (world, actor) => {
      const secret = newTotpSecret();
      await db.user.update({ where: { id: world.userIds.owner }, data: { totpSecret: sealTotpSecret(secret), totpEnabledAt: null } });
      return (await getPendingTotpEnrolment(actor))?.secret === secret;
    },
  },
  {
    query: "listOwnSessions",
    file: "lib/queries/account/sessions.ts",
    cells: only("owner"),
    sees: async (world, actor) => {
      const id = await ownerSession(world);
      return (await listOwnSessions(actor)).some((s) => s.id === id);
    },
  },
  {
    query: "listOwnApiTokens",
    file: "lib/queries/account/api-tokens.ts",
    cells: only("owner"),
    sees: async (world, actor) => {
      const id = await ownerToken(world);
      return (await listOwnApiTokens(actor)).some((t) => t.id === id);
    },
  },
];
