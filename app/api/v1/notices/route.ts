import { withApiCaller } from "@/lib/api/caller";
import { listNoticesApi } from "@/lib/api/notices";

// The caller (cookie or Bearer token) is checked here on every request and rate-limited
// (lib/api/caller.ts); lib/api/notices.ts decides what they get.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return withApiCaller(request, async (actor) => {
    const result = await listNoticesApi(actor);
    return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
  });
}
