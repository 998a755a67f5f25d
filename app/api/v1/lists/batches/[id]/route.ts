import { withApiCaller } from "@/lib/api/caller";
import { metaFromHeaders } from "@/lib/auth/request-meta";
import { auditRefusal } from "@/lib/commands/audit-refusal";
import { getListBatch } from "@/lib/queries/get-list-batch";

// GET /api/v1/lists/batches/{id}: status, progress and counts of one import (the batch page
// polls it too). 401 signed out; 404 for another's or a missing batch (audited as refused).
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  return withApiCaller(request, async (actor) => {
    if (!actor) return Response.json({ error: "unauthenticated" }, { status: 401, headers });
    const { id } = await params;
    const batch = await getListBatch(actor, id);
    if (!batch) {
      await auditRefusal(actor, { entityType: "list_batch", entityId: id, path: new URL(request.url).pathname }, metaFromHeaders(request.headers));
      return Response.json({ error: "not_found" }, { status: 404, headers });
    }
    return Response.json(batch, { headers });
  });
}
