import "server-only";
import { cache } from "react";
import { auth } from "@/lib/auth/config";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";

/** The signed-in, active user as of this request (re-read from the database), or null. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  return loadActor(db, session?.user?.id);
});
