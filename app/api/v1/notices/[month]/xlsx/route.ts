import { withApiCaller } from "@/lib/api/caller";
import { noticeXlsxApi } from "@/lib/api/notices";
import { metaFromHeaders } from "@/lib/auth/request-meta";
import { auditExportDownload } from "@/lib/commands/audit-export";

// The notice as a workbook, for whoever may read it (a head office: its own bank's page).
// Audited before it is handed out (export.download), like every export.
export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ month: string }> }): Promise<Response> {
  const { month } = await context.params;
  return withApiCaller(request, async (actor) => {
    const result = await noticeXlsxApi(actor, month);
    if (!result.file) return Response.json(result.body, { status: result.status, headers: result.headers });
    if (actor && result.download) await auditExportDownload(actor, result.download, metaFromHeaders(request.headers));
    return new Response(result.file, { status: 200, headers: result.headers });
  });
}
