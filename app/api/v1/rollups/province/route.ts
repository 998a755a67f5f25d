import { withApiCaller } from "@/lib/api/caller";
import { provinceRollupApi } from "@/lib/api/province-rollup";

// proxy.ts lets /api/* through: the caller (cookie or Bearer token) is checked here, on every
// request, and rate-limited (lib/api/caller.ts).
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return withApiCaller(request, async (actor) => {
    const result = await provinceRollupApi(actor, new URL(request.url).searchParams);
    return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
  });
}
