"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { proposeCredit, type ProposeCreditResult } from "@/lib/commands/propose-credit";
import { decideCredit, type DecideCreditResult } from "@/lib/commands/decide-credit";
import { withdrawCredit, type WithdrawCreditResult } from "@/lib/commands/withdraw-credit";
import { formToObject, runCommand, type ActionResult } from "@/lib/actions/run";

export async function proposeCreditAction(
  _previous: ActionResult<ProposeCreditResult> | null,
  formData: FormData,
): Promise<ActionResult<ProposeCreditResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => proposeCredit(await currentActor(), input));
  if (result.ok) {
    revalidatePath(`/enterprises/${result.data.enterpriseId}`);
    revalidatePath("/approvals");
  }
  return result;
}

export async function decideCreditAction(
  _previous: ActionResult<DecideCreditResult> | null,
  formData: FormData,
): Promise<ActionResult<DecideCreditResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => decideCredit(await currentActor(), input));
  if (result.ok) {
    revalidatePath(`/enterprises/${result.data.enterpriseId}`);
    // The queue and the count in the navigation.
    revalidatePath("/", "layout");
  }
  return result;
}

export async function withdrawCreditAction(
  _previous: ActionResult<WithdrawCreditResult> | null,
  formData: FormData,
): Promise<ActionResult<WithdrawCreditResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => withdrawCredit(await currentActor(), input));
  if (result.ok) {
    revalidatePath(`/enterprises/${result.data.enterpriseId}`);
    // The branch head's queue and the count in the navigation.
    revalidatePath("/", "layout");
  }
  return result;
}
