"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { cancelListImport } from "@/lib/commands/cancel-list-import";
import { formToObject, runCommand, type ActionResult } from "@/lib/actions/run";

export async function cancelListImportAction(_previous: ActionResult<{ batchId: string }> | null, formData: FormData): Promise<ActionResult<{ batchId: string }>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => cancelListImport(await currentActor(), input));
  if (result.ok) revalidatePath(`/lists/${result.data.batchId}`);
  return result;
}
