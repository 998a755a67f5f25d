"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { createAssessmentScheme, type CreateSchemeResult } from "@/lib/commands/assessment/create-scheme";
import { formToObject, runCommand, type ActionResult } from "@/lib/actions/run";

export async function createAssessmentSchemeAction(
  _previous: ActionResult<CreateSchemeResult> | null,
  formData: FormData,
): Promise<ActionResult<CreateSchemeResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => createAssessmentScheme(await currentActor(), input));
  if (result.ok) {
    revalidatePath("/assessment");
    revalidatePath("/dashboard");
  }
  return result;
}
