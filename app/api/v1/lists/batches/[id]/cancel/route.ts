import { currentActor } from "@/lib/auth/current-actor";
import { cancelListImport } from "@/lib/commands/cancel-list-import";
import { AppError } from "@/lib/errors";

// POST /api/v1/lists/batches/{id}/cancel — asks a queued or running import to stop (202);
// 409 when it has already ended; 404 for another's or a missing batch.
export const dynamic = "force-dynamic";

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  try {
    await cancelListImport(await currentActor(), { batchId: (await params).id });
    return Response.json({ ok: true }, { status: 202, headers });
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "UNAUTHENTICATED") return Response.json({ error: "unauthenticated" }, { status: 401, headers });
      if (error.code === "RULE_VIOLATION") return Response.json({ error: "not_running" }, { status: 409, headers });
      return Response.json({ error: "not_found" }, { status: 404, headers });
    }
    console.error("[api] cancel failed", error);
    return Response.json({ error: "internal" }, { status: 500, headers });
  }
}
