import { currentActor } from "@/lib/auth/current-actor";
import { exportResponse } from "@/lib/api/export";

// proxy.ts lets /api/* through: the caller is checked here (and again by the query's scope).
export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ table: string }> }): Promise<Response> {
  try {
    const { table } = await context.params;
    const result = await exportResponse(await currentActor(), table, new URL(request.url).searchParams);
    return new Response(result.body, { status: result.status, headers: result.headers });
  } catch (error) {
    console.error("[api] export failed", error);
    return Response.json({ error: "internal" }, { status: 500 });
  }
}
