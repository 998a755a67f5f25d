import { withApiCaller } from "@/lib/api/caller";
import { metaFromHeaders } from "@/lib/auth/request-meta";
import { auditRefusal } from "@/lib/commands/audit-refusal";
import { cancelListImport } from "@/lib/commands/cancel-list-import";
import { AppError } from "@/lib/errors";

// POST /api/v1/lists/batches/{id}/cancel — asks a queued or running import to stop (202);
// 409 when it has already ended; 404 for another's or a missing batch (audited as refused).
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  return withApiCaller(request, async (actor) => {
    const { id } = await params;
    try {
      await cancelListImport(actor, { batchId: id });
      return Response.json({ ok: true }, { status: 202, headers });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "UNAUTHENTICATED") return Response.json({ error: "unauthenticated" }, { status: 401, headers });
      if (error.code === "RULE_VIOLATION") return Response.json({ error: "not_running" }, { status: 409, headers });
      await auditRefusal(actor, { entityType: "list_batch", entityId: id, path: new URL(request.url).pathname }, metaFromHeaders(request.headers));
      return Response.json({ error: "not_found" }, { status: 404, headers });
    }
  });
}
