import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { sessionUserId } from "@/lib/auth/session-token";
import { db } from "@/lib/db";

/**
 * The signed-in, active user as of this request (re-read from the database), or null. Reads
 * the session cookie Auth.js issued (lib/auth/config.ts) with the same verifier Auth.js uses,
 * without running Auth.js's whole request pipeline on every page and action.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  return loadActor(db, await sessionUserId((name) => jar.get(name)?.value));
});
