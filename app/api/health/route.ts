import { liveness } from "@/lib/api/health";

// Liveness for load balancers: no session, no database.
export const dynamic = "force-dynamic";

export function GET(): Response {
  const result = liveness();
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
}
