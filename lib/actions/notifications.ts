"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { formToObject, runCommand } from "@/lib/actions/run";
import { markNotificationsRead } from "@/lib/commands/mark-notifications-read";

/** A plain form post (works without JavaScript): the page and the bell re-render. */
export async function markNotificationsReadAction(formData: FormData): Promise<void> {
  const result = await runCommand(async () => markNotificationsRead(await currentActor(), formToObject(formData)));
  if (result.ok) revalidatePath("/", "layout");
}
