import { Readable } from "node:stream";
import { withApiCaller } from "@/lib/api/caller";
import { metaFromHeaders } from "@/lib/auth/request-meta";
import { auditRefusal } from "@/lib/commands/audit-refusal";
import { errorFileCsv, errorFileXlsx } from "@/lib/import/error-file";
import { getBatchErrorRows } from "@/lib/queries/batch-error-rows";

// GET /api/v1/lists/batches/{id}/errors?format=csv|xlsx — the per-row error file: every row
// that was rejected or carries a warning, with its line number, the reasons in Chinese and
// the original cells. Streamed page by page from the database. 404 for another's or a
// missing batch (audited as refused).
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  return withApiCaller(request, async (actor) => {
    if (!actor) return Response.json({ error: "unauthenticated" }, { status: 401, headers });
    const format = new URL(request.url).searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "xlsx") return Response.json({ error: "invalid_format", allowed: ["csv", "xlsx"] }, { status: 400, headers });
    const { id } = await params;
    const found = await getBatchErrorRows(actor, id);
    if (!found) {
      await auditRefusal(actor, { entityType: "list_batch", entityId: id, path: new URL(request.url).pathname }, metaFromHeaders(request.headers));
      return Response.json({ error: "not_found" }, { status: 404, headers });
    }
    const body = format === "csv" ? errorFileCsv(found.header, found.rows) : errorFileXlsx(found.header, found.rows);
    const name = `errors-${id.slice(0, 8)}.${format}`;
    return new Response(Readable.toWeb(Readable.from(body)) as ReadableStream<Uint8Array>, {
      headers: {
        ...headers,
        "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`错误行-${name}`)}`,
      },
    });
  });
}
