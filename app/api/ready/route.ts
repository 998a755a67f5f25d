import { readiness } from "@/lib/api/health";
import { db, readRouter } from "@/lib/db";

// Readiness for load balancers: the database answers and every shipped migration is applied.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const result = await readiness(db, undefined, readRouter);
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
}
