"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { logVisit, type LogVisitResult } from "@/lib/commands/log-visit";
import { formToObject, runCommand, type ActionResult } from "@/lib/actions/run";

export async function logVisitAction(
  _previous: ActionResult<LogVisitResult> | null,
  formData: FormData,
): Promise<ActionResult<LogVisitResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => logVisit(await currentActor(), input));
  if (result.ok) revalidatePath(`/enterprises/${String(input.enterpriseId)}`);
  return result;
}
