"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { requestPublish, type RequestPublishResult } from "@/lib/commands/request-publish";
import { setAllocationRules, type SetAllocationRulesResult } from "@/lib/commands/set-allocation-rules";
import { formToObject, runCommand, type ActionResult } from "@/lib/actions/run";

/** Asks for the batch to be published (a job does it: minutes for a province list). */
export async function publishBatchAction(
  _previous: ActionResult<RequestPublishResult> | null,
  formData: FormData,
): Promise<ActionResult<RequestPublishResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => requestPublish(await currentActor(), input));
  if (result.ok) {
    revalidatePath(`/lists/${result.data.batchId}`);
    revalidatePath("/coverage");
  }
  return result;
}

export async function setAllocationRulesAction(
  _previous: ActionResult<SetAllocationRulesResult> | null,
  formData: FormData,
): Promise<ActionResult<SetAllocationRulesResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => setAllocationRules(await currentActor(), input));
  if (result.ok) revalidatePath("/allocation");
  return result;
}
