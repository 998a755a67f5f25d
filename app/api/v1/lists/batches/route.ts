import { currentActor } from "@/lib/auth/current-actor";
import { uploadListApi } from "@/lib/api/list-upload";

// proxy.ts lets /api/* through: the caller is checked here, on every request.
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    const result = await uploadListApi(await currentActor(), request);
    return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("[api] list upload failed", error);
    return Response.json({ error: "internal" }, { status: 500, headers: { "Cache-Control": "no-store" } });
  }
}
