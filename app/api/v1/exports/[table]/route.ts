import { NextRequest } from "next/server";
import { withApiCaller } from "@/lib/api/caller";
import { exportResponse } from "@/lib/api/export";
import { metaFromHeaders } from "@/lib/auth/request-meta";
import { auditExportDownload } from "@/lib/commands/audit-export";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/locale";

// proxy.ts lets /api/* through: the caller (cookie or Bearer token) is checked here (and again
// by the query's scope), and rate-limited (lib/api/caller.ts). Every file handed out is
// audited first (export.download: table, filters, row count, format).
export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ table: string }> }): Promise<Response> {
  return withApiCaller(request, async (actor) => {
    const { table } = await context.params;
    // The file speaks the language of the screen it was asked from (the locale cookie).
    const locale = toLocale(new NextRequest(request).cookies.get(LOCALE_COOKIE)?.value);
    const result = await exportResponse(actor, table, new URL(request.url).searchParams, locale);
    if (actor && result.download) await auditExportDownload(actor, result.download, metaFromHeaders(request.headers));
    return new Response(result.body, { status: result.status, headers: result.headers });
  });
}

