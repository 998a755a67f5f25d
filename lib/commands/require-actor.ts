import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";

/** Signed out (or disabled: loadActor returns null for them) callers stop here. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  return actor;
}
