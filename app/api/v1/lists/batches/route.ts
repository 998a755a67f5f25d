import { withApiCaller } from "@/lib/api/caller";
import { uploadListApi } from "@/lib/api/list-upload";

// proxy.ts lets /api/* through: the caller (cookie or Bearer token) is checked here, on every
// request, and rate-limited (lib/api/caller.ts).
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return withApiCaller(request, async (actor) => {
    const result = await uploadListApi(actor, request);
    return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
  });
}
