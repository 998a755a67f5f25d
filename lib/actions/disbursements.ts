"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { recordDisbursement, type RecordDisbursementResult } from "@/lib/commands/record-disbursement";
import { formToObject, runCommand, type ActionResult } from "@/lib/actions/run";

export async function recordDisbursementAction(
  _previous: ActionResult<RecordDisbursementResult> | null,
  formData: FormData,
): Promise<ActionResult<RecordDisbursementResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => recordDisbursement(await currentActor(), input));
  if (result.ok) revalidatePath(`/enterprises/${result.data.enterpriseId}`);
  return result;
}
