import { currentActor } from "@/lib/auth/current-actor";
import { provinceRollupApi } from "@/lib/api/province-rollup";

// proxy.ts lets /api/* through: the caller is checked here, on every request.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const result = await provinceRollupApi(await currentActor(), new URL(request.url).searchParams);
    return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("[api] province rollup failed", error);
    return Response.json({ error: "internal" }, { status: 500, headers: { "Cache-Control": "no-store" } });
  }
}
