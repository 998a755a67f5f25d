"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { reviewMarketFlag, type ReviewFlagResult } from "@/lib/commands/market/review-flag";
import { formToObject, runCommand, type ActionResult } from "@/lib/actions/run";

export async function reviewMarketFlagAction(
  _previous: ActionResult<ReviewFlagResult> | null,
  formData: FormData,
): Promise<ActionResult<ReviewFlagResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => reviewMarketFlag(await currentActor(), input));
  if (result.ok) {
    revalidatePath("/market");
    revalidatePath(`/market/${result.data.flagId}`);
  }
  return result;
}
