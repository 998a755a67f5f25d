"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { generateNotice, type GenerateNoticeResult } from "@/lib/commands/notices/generate-notice";
import { createLaggingRule, setLaggingRuleActive, updateLaggingRule, type LaggingRuleResult } from "@/lib/commands/notices/lagging-rules";
import { formToObject, runCommand, type ActionResult } from "@/lib/actions/run";

/** Generates (or re-checks) a past month's notice now; the caller waits for it. */
export async function generateNoticeAction(
  _previous: ActionResult<GenerateNoticeResult> | null,
  formData: FormData,
): Promise<ActionResult<GenerateNoticeResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => generateNotice(await currentActor(), input));
  if (result.ok) {
    revalidatePath("/notices");
    revalidatePath(`/notices/${result.data.month}`);
  }
  return result;
}

export async function createLaggingRuleAction(
  _previous: ActionResult<LaggingRuleResult> | null,
  formData: FormData,
): Promise<ActionResult<LaggingRuleResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => createLaggingRule(await currentActor(), input));
  if (result.ok) revalidatePath("/notices/rules");
  return result;
}

export async function updateLaggingRuleAction(
  _previous: ActionResult<LaggingRuleResult> | null,
  formData: FormData,
): Promise<ActionResult<LaggingRuleResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => updateLaggingRule(await currentActor(), input));
  if (result.ok) revalidatePath("/notices/rules");
  return result;
}

export async function setLaggingRuleActiveAction(
  _previous: ActionResult<LaggingRuleResult> | null,
  formData: FormData,
): Promise<ActionResult<LaggingRuleResult>> {
  const input = formToObject(formData);
  const result = await runCommand(async () => setLaggingRuleActive(await currentActor(), input));
  if (result.ok) revalidatePath("/notices/rules");
  return result;
}
