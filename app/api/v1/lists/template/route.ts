import { withApiCaller } from "@/lib/api/caller";
import { templateCsv, templateXlsx } from "@/lib/import/template";

// GET /api/v1/lists/template?format=csv|xlsx — the list file template (headers + an example row).
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return withApiCaller(request, async (actor) => {
    if (!actor) return Response.json({ error: "unauthenticated" }, { status: 401 });
    const format = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "xlsx";
    const body = format === "csv" ? templateCsv() : await templateXlsx();
    const name = `名单模板.${format}`;
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="list-template.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "Cache-Control": "no-store",
      },
    });
  });
}
