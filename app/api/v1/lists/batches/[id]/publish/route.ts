import { withApiCaller } from "@/lib/api/caller";
import { metaFromHeaders } from "@/lib/auth/request-meta";
import { auditRefusal } from "@/lib/commands/audit-refusal";
import { requestPublish } from "@/lib/commands/request-publish";
import { AppError } from "@/lib/errors";

// POST /api/v1/lists/batches/{id}/publish — a regulator publishes a province list: 202 and a
// job allocates each enterprise its responsible bank and fills the pools (follow it with
// GET /api/v1/lists/batches/{id}: publishedAt, allocated, pooled, publishError). 409 when it
// is published, being published or not imported yet; 404 for anyone else or another batch
// (audited as refused).
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  return withApiCaller(request, async (actor) => {
    const { id } = await params;
    try {
      const result = await requestPublish(actor, { batchId: id });
      return Response.json(result, { status: 202, headers });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "UNAUTHENTICATED") return Response.json({ error: "unauthenticated" }, { status: 401, headers });
      if (error.code === "RULE_VIOLATION") return Response.json({ error: error.messageKey }, { status: 409, headers });
      await auditRefusal(actor, { entityType: "list_batch", entityId: id, path: new URL(request.url).pathname }, metaFromHeaders(request.headers));
      return Response.json({ error: "not_found" }, { status: 404, headers });
    }
  });
}
