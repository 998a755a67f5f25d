"use server";
// Organisation admin: a bank's admin (branches, users, the bank's two-factor rule) and a
// regulator admin (banks, regulator users). Thin shells: the commands authorize, validate,
// write and audit (with the request's IP and user agent) in one transaction.
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { requestMeta } from "@/lib/auth/request-meta";
import { runCommand, type ActionResult } from "@/lib/actions/run";
import { createBankUser, type CreatedUser } from "@/lib/commands/admin/create-bank-user";
import { createRegulatorUser } from "@/lib/commands/admin/create-regulator-user";
import { changeUserRole, type UserChange } from "@/lib/commands/admin/change-user-role";
import { changeUserJurisdiction } from "@/lib/commands/admin/change-user-jurisdiction";
import { setUserActive } from "@/lib/commands/admin/set-user-active";
import { setUserAdmin } from "@/lib/commands/admin/set-user-admin";
import { resetUserPassword, type PasswordReset } from "@/lib/commands/admin/reset-user-password";
import { resetUserTotp } from "@/lib/commands/admin/reset-user-totp";
import { setBankRequireTotp } from "@/lib/commands/admin/set-bank-require-totp";
import { createBranch } from "@/lib/commands/admin/create-branch";
import { renameBranch } from "@/lib/commands/admin/rename-branch";
import { closeBranch } from "@/lib/commands/admin/close-branch";
import { createBank, type CreatedBank } from "@/lib/commands/admin/create-bank";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";

type Command<T> = (actor: Actor | null, raw: unknown, meta: RequestMeta) => Promise<T>;

async function run<T>(command: Command<T>, input: unknown): Promise<ActionResult<T>> {
  const result = await runCommand(async () => command(await currentActor(), input, await requestMeta()));
  if (result.ok) {
    revalidatePath("/admin", "layout");
    revalidatePath("/assign", "layout");
  }
  return result;
}

export async function createBankUserAction(input: unknown): Promise<ActionResult<CreatedUser>> {
  return run(createBankUser, input);
}

export async function createRegulatorUserAction(input: unknown): Promise<ActionResult<CreatedUser>> {
  return run(createRegulatorUser, input);
}

export async function changeUserRoleAction(input: unknown): Promise<ActionResult<UserChange>> {
  return run(changeUserRole, input);
}

export async function changeUserJurisdictionAction(input: unknown): Promise<ActionResult<UserChange>> {
  return run(changeUserJurisdiction, input);
}

export async function setUserActiveAction(input: unknown): Promise<ActionResult<UserChange>> {
  return run(setUserActive, input);
}

export async function setUserAdminAction(input: unknown): Promise<ActionResult<UserChange>> {
  return run(setUserAdmin, input);
}

export async function resetUserPasswordAction(input: unknown): Promise<ActionResult<PasswordReset>> {
  return run(resetUserPassword, input);
}

export async function resetUserTotpAction(input: unknown): Promise<ActionResult<PasswordReset>> {
  return run(resetUserTotp, input);
}

export async function setBankRequireTotpAction(input: unknown): Promise<ActionResult<{ requireTotp: boolean; changed: boolean }>> {
  return run(setBankRequireTotp, input);
}

export async function createBranchAction(input: unknown): Promise<ActionResult<{ branchId: string }>> {
  return run(createBranch, input);
}

export async function renameBranchAction(input: unknown): Promise<ActionResult<{ branchId: string; changed: boolean }>> {
  return run(renameBranch, input);
}

export async function closeBranchAction(input: unknown): Promise<ActionResult<{ branchId: string }>> {
  return run(closeBranch, input);
}

export async function createBankAction(input: unknown): Promise<ActionResult<CreatedBank>> {
  return run(createBank, input);
}
