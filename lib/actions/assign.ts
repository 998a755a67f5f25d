"use server";
// Distribution: head office → branches, branch head → managers, reassign one, hand over all.
// The forms send plain objects (lists of ids, a filter); the commands parse them with zod.
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { distributeClients, type DistributeResult } from "@/lib/commands/distribute-clients";
import { assignClients, type AssignResult } from "@/lib/commands/assign-clients";
import { reassignClient, type ReassignResult } from "@/lib/commands/reassign-client";
import { handoverClients, type HandoverResult } from "@/lib/commands/handover-clients";
import { runCommand, type ActionResult } from "@/lib/actions/run";

function refreshLists() {
  revalidatePath("/assign", "layout");
  revalidatePath("/pool");
  revalidatePath("/dashboard");
}

export async function distributeClientsAction(input: unknown): Promise<ActionResult<DistributeResult>> {
  const result = await runCommand(async () => distributeClients(await currentActor(), input));
  if (result.ok) refreshLists();
  return result;
}

export async function assignClientsAction(input: unknown): Promise<ActionResult<AssignResult>> {
  const result = await runCommand(async () => assignClients(await currentActor(), input));
  if (result.ok) refreshLists();
  return result;
}

export async function reassignClientAction(input: unknown): Promise<ActionResult<ReassignResult>> {
  const result = await runCommand(async () => reassignClient(await currentActor(), input));
  if (result.ok) {
    refreshLists();
    revalidatePath(`/enterprises/${result.data.enterpriseId}`);
  }
  return result;
}

export async function handoverClientsAction(input: unknown): Promise<ActionResult<HandoverResult>> {
  const result = await runCommand(async () => handoverClients(await currentActor(), input));
  if (result.ok) refreshLists();
  return result;
}
