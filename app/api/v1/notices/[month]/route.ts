import { withApiCaller } from "@/lib/api/caller";
import { getNoticeApi, postNoticeApi } from "@/lib/api/notices";

// The caller (cookie or Bearer token) is checked here on every request and rate-limited
// (lib/api/caller.ts); lib/api/notices.ts decides what they get.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ month: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  const { month } = await context.params;
  return withApiCaller(request, async (actor) => {
    const result = await getNoticeApi(actor, month);
    return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
  });
}

export async function POST(request: Request, context: Context): Promise<Response> {
  const { month } = await context.params;
  return withApiCaller(request, async (actor) => {
    const result = await postNoticeApi(actor, month);
    return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
  });
}
