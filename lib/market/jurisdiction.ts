// Which enterprises' flags a regulator reviews: Ningbo's bureau Ningbo only, the bureau for
// Zhejiang excluding Ningbo everything else, the provincial bureau all. Nobody else (banks
// never see each other's conduct). Read from rollupScope, the one place jurisdiction is decided.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { rollupScope } from "@/lib/auth/scope";
import { NINGBO_CODE } from "@/lib/domain/regions";

export type FlagReach = "all" | "ningboOnly" | "excludeNingbo";

export function flagReach(actor: Actor | null): FlagReach | null {
  const scope = rollupScope(actor);
  if (!scope || scope.level !== "province") return null;
  if (scope.ningboOnly) return "ningboOnly";
  return scope.defaultNingbo === "exclude" ? "excludeNingbo" : "all";
}

/** The reach as a condition on `enterprises e`. */
export function reachSql(reach: FlagReach): Prisma.Sql {
  if (reach === "ningboOnly") return Prisma.sql`e.city_code = ${NINGBO_CODE}`;
  if (reach === "excludeNingbo") return Prisma.sql`e.city_code <> ${NINGBO_CODE}`;
  return Prisma.sql`true`;
}
