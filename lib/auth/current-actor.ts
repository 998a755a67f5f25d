import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { resolveSession, type SessionState } from "@/lib/auth/sessions";
import { sessionClaims } from "@/lib/auth/session-token";
import { db } from "@/lib/db";
import { hasRecentWrite } from "@/lib/read-your-writes";

/**
 * The request's sign-in session as of now (re-read from the database): its user, and what the
 * user still has to set up (a new password, a second factor) — or null when signed out, the
 * session ended, or the user is disabled. Reads the cookie Auth.js issued (lib/auth/config.ts)
 * with the same verifier, without running Auth.js's whole pipeline on every request.
 */
export const currentSession = cache(async (): Promise<SessionState | null> => {
  const jar = await cookies();
  const claims = await sessionClaims((name) => jar.get(name)?.value);
  return resolveSession(db, claims?.userId, claims?.sessionId);
});

/**
 * The signed-in user who may act now, or null. A user who still has to set a password or
 * enrol a second factor is not an actor yet: every page, query and action refuses them, and
 * the app layout sends them to /account/setup.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await currentSession();
  if (!session || session.pending !== null) return null;
  return (await hasRecentWrite()) ? { ...session.actor, readsPrimary: true } : session.actor;
});
