"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { recordRepayment, type RecordRepaymentResult } from "@/lib/commands/record-repayment";
import { formToObject, runCommand, type ActionResult } from "@/lib/actions/run";

export async function recordRepaymentAction(
  _previous: ActionResult<RecordRepaymentResult> | null,
  formData: FormData,
): Promise<ActionResult<RecordRepaymentResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => recordRepayment(await currentActor(), input));
  if (result.ok) revalidatePath(`/enterprises/${result.data.enterpriseId}`);
  return result;
}
