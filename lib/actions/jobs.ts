"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { runCommand } from "@/lib/actions/run";
import { requestDailyScan } from "@/lib/commands/request-daily-scan";

export async function requestDailyScanAction(): Promise<void> {
  const result = await runCommand(async () => requestDailyScan(await currentActor()));
  if (result.ok) revalidatePath("/jobs");
}
