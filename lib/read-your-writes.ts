// Read-your-writes with read replicas (issue 14): after a person's server action wrote, their
// reads go to the primary for the next few seconds, so the visit they just logged is on the
// page they land on even when a replica is behind.
//
// The marker is a short-lived cookie, not a row: it costs no query, any app node reads it
// (nothing is shared but PostgreSQL, and this is not even that), and it expires by itself.
// Its lifetime covers the worst lag a replica in rotation can have: a replica is used only
// while its last check (at most REPLICA_CHECK_INTERVAL_MS ago) saw it within
// REPLICA_MAX_LAG_SECONDS, so a write is on every replica in rotation after the sum of both.
// The cookie says only "read from the primary"; it grants nothing (forging it just costs the
// forger a little speed).
import "server-only";
import { cookies } from "next/headers";
import { readRouter } from "@/lib/db";

export const RECENT_WRITE_COOKIE = "shoudai-rw";

export function readYourWritesSeconds(): number {
  const { maxLagSeconds, checkIntervalMs } = readRouter.options;
  return Math.ceil(maxLagSeconds + checkIntervalMs / 1000);
}

/** After a write in a server action or route handler: this browser reads from the primary for a while. */
export async function markRecentWrite(): Promise<void> {
  if (readRouter.replicaCount === 0) return;
  try {
    const jar = await cookies();
    jar.set(RECENT_WRITE_COOKIE, "1", { maxAge: readYourWritesSeconds(), httpOnly: true, sameSite: "lax", path: "/" });
  } catch {
    // Outside a request (scripts, tests) or in a render, where cookies cannot be set: nothing to mark.
  }
}

/** Whether this request comes from a browser that wrote moments ago. */
export async function hasRecentWrite(): Promise<boolean> {
  if (readRouter.replicaCount === 0) return false;
  try {
    return (await cookies()).has(RECENT_WRITE_COOKIE);
  } catch {
    return false;
  }
}
