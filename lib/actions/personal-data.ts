"use server";
import { currentActor } from "@/lib/auth/current-actor";
import { requestMeta } from "@/lib/auth/request-meta";
import { revealLegalRepPhone } from "@/lib/commands/reveal-phone";
import { runCommand, type ActionResult } from "@/lib/actions/run";

/** The full phone of an enterprise's legal representative, for the actor who may read it (audited). */
export async function revealPhoneAction(enterpriseId: string): Promise<ActionResult<{ phone: string | null }>> {
  return runCommand(async () => revealLegalRepPhone(await currentActor(), { enterpriseId }, await requestMeta()));
}
