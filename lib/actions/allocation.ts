"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { publishBatch, type PublishBatchResult } from "@/lib/commands/publish-batch";
import { setAllocationRules, type SetAllocationRulesResult } from "@/lib/commands/set-allocation-rules";
import { formToObject, runCommand, type ActionResult } from "@/lib/actions/run";

export async function publishBatchAction(
  _previous: ActionResult<PublishBatchResult> | null,
  formData: FormData,
): Promise<ActionResult<PublishBatchResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => publishBatch(await currentActor(), input));
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
