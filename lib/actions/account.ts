"use server";
// The account security pages' actions. Each authenticates itself: the /account ones act for
// the signed-in actor (nothing pending); the /account/setup ones for the session's own user
// and only on what that session still has to do (a new password, then TOTP enrolment).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentActor, currentSession } from "@/lib/auth/current-actor";
import { requestMeta } from "@/lib/auth/request-meta";
import type { SessionState } from "@/lib/auth/sessions";
import { formToObject, runCommand, type ActionResult } from "@/lib/actions/run";
import { setInitialPassword, type SetPasswordResult } from "@/lib/commands/account/set-password";
import { changePassword, type ChangePasswordResult } from "@/lib/commands/account/change-password";
import { startTotpEnrolment } from "@/lib/commands/account/start-totp";
import { confirmTotpEnrolment, type RecoveryCodesResult } from "@/lib/commands/account/confirm-totp";
import { regenerateRecoveryCodes } from "@/lib/commands/account/regenerate-recovery-codes";
import { disableTotp } from "@/lib/commands/account/disable-totp";
import { endOtherSessions, endOwnSession } from "@/lib/commands/account/sessions";
import { createApiToken, revokeApiToken, type CreatedApiToken } from "@/lib/commands/account/api-tokens";
import type { AccountContext } from "@/lib/commands/account/shared";

async function contextOf(session: SessionState | null): Promise<AccountContext> {
  return { sessionId: session?.sessionId ?? null, meta: await requestMeta() };
}

/** The signed-in actor (nothing pending) and their session, for the /account actions. */
async function accountCaller() {
  const actor = await currentActor();
  const session = actor ? await currentSession() : null;
  return { actor, ctx: await contextOf(session) };
}

/** Enrolment is open to a user whose pending step it is, and to an actor not yet enrolled. */
async function enrolmentCaller() {
  const session = await currentSession();
  const actor = session && (session.pending === "totp" || session.pending === null) ? session.actor : null;
  return { actor, ctx: await contextOf(session) };
}

function revalidateAccount() {
  revalidatePath("/account");
  revalidatePath("/account/setup");
}

/** /account/setup: the first password of one's own (only while it is pending). */
export async function setPasswordAction(_previous: ActionResult<SetPasswordResult> | null, formData: FormData): Promise<ActionResult<SetPasswordResult>> {
  const session = await currentSession();
  const actor = session?.pending === "password" ? session.actor : null;
  const ctx = await contextOf(session);
  const result = await runCommand(() => setInitialPassword(actor, formToObject(formData), ctx));
  if (result.ok) {
    if (result.data.next === null) redirect("/");
    revalidateAccount();
  }
  return result;
}

export async function startTotpEnrolmentAction(_previous: ActionResult<{ started: true }> | null, _formData: FormData): Promise<ActionResult<{ started: true }>> {
  const { actor, ctx } = await enrolmentCaller();
  const result = await runCommand(() => startTotpEnrolment(actor, ctx));
  if (result.ok) revalidateAccount();
  return result;
}

// No revalidation: the page keeps showing the recovery codes until the user says they saved them.
export async function confirmTotpEnrolmentAction(_previous: ActionResult<RecoveryCodesResult> | null, formData: FormData): Promise<ActionResult<RecoveryCodesResult>> {
  const { actor, ctx } = await enrolmentCaller();
  return runCommand(() => confirmTotpEnrolment(actor, formToObject(formData), ctx));
}

export async function changePasswordAction(_previous: ActionResult<ChangePasswordResult> | null, formData: FormData): Promise<ActionResult<ChangePasswordResult>> {
  const { actor, ctx } = await accountCaller();
  const result = await runCommand(() => changePassword(actor, formToObject(formData), ctx));
  if (result.ok) revalidateAccount();
  return result;
}

export async function regenerateRecoveryCodesAction(_previous: ActionResult<RecoveryCodesResult> | null, formData: FormData): Promise<ActionResult<RecoveryCodesResult>> {
  const { actor, ctx } = await accountCaller();
  return runCommand(() => regenerateRecoveryCodes(actor, formToObject(formData), ctx));
}

export async function disableTotpAction(_previous: ActionResult<{ disabled: true }> | null, formData: FormData): Promise<ActionResult<{ disabled: true }>> {
  const { actor, ctx } = await accountCaller();
  const result = await runCommand(() => disableTotp(actor, formToObject(formData), ctx));
  if (result.ok) revalidateAccount();
  return result;
}

export async function endSessionAction(_previous: ActionResult<{ ended: true }> | null, formData: FormData): Promise<ActionResult<{ ended: true }>> {
  const { actor, ctx } = await accountCaller();
  const result = await runCommand(() => endOwnSession(actor, formToObject(formData), ctx));
  if (result.ok) revalidateAccount();
  return result;
}

export async function endOtherSessionsAction(_previous: ActionResult<{ sessionsEnded: number }> | null, _formData: FormData): Promise<ActionResult<{ sessionsEnded: number }>> {
  const { actor, ctx } = await accountCaller();
  const result = await runCommand(() => endOtherSessions(actor, ctx));
  if (result.ok) revalidateAccount();
  return result;
}

export async function createApiTokenAction(_previous: ActionResult<CreatedApiToken> | null, formData: FormData): Promise<ActionResult<CreatedApiToken>> {
  const { actor, ctx } = await accountCaller();
  const result = await runCommand(() => createApiToken(actor, formToObject(formData), ctx));
  if (result.ok) revalidateAccount();
  return result;
}

export async function revokeApiTokenAction(_previous: ActionResult<{ revoked: true }> | null, formData: FormData): Promise<ActionResult<{ revoked: true }>> {
  const { actor, ctx } = await accountCaller();
  const result = await runCommand(() => revokeApiToken(actor, formToObject(formData), ctx));
  if (result.ok) revalidateAccount();
  return result;
}
