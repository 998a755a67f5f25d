import { currentActor } from "@/lib/auth/current-actor";
import { getListBatch } from "@/lib/queries/get-list-batch";

// GET /api/v1/lists/batches/{id}: status, progress and counts of one import (the batch page
// polls it too). 401 signed out; 404 for another's or a missing batch.
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  const actor = await currentActor();
  if (!actor) return Response.json({ error: "unauthenticated" }, { status: 401, headers });
  const batch = await getListBatch(actor, (await params).id);
  if (!batch) return Response.json({ error: "not_found" }, { status: 404, headers });
  return Response.json(batch, { headers });
}
