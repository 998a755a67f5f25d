// A regulator marks a market-order flag reviewed, with a note (what was found, what was done).
// Once: a reviewed flag keeps its review; the flag itself is never deleted.
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { uuid } from "@/lib/schemas/common";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { flagReach, reachSql } from "@/lib/market/jurisdiction";

export const reviewFlagSchema = z.object({
  flagId: uuid,
  note: z.string({ message: "required" }).trim().min(1, { message: "required" }).max(500, { message: "tooLong" }),
});

export type ReviewFlagResult = { flagId: string; reviewedAt: string };

export async function reviewMarketFlag(actor: Actor | null, raw: unknown): Promise<ReviewFlagResult> {
  const who = requireActor(actor);
  const reach = flagReach(who);
  if (!reach) throw notFound();
  const input = parseOrThrow(reviewFlagSchema, raw);
  return db.$transaction(async (tx) => {
    // Only a flag within the reviewer's jurisdiction; one that is already reviewed stays as is.
    const updated = await tx.$queryRaw<{ id: string; kind: string; enterprise_id: string; reviewed_at: Date }[]>`
      UPDATE market_flags f SET reviewed_at = now(), reviewed_by_id = ${who.userId}::uuid, review_note = ${input.note}
        FROM enterprises e
       WHERE f.id = ${input.flagId}::uuid AND e.id = f.enterprise_id AND ${reachSql(reach)} AND f.reviewed_at IS NULL
      RETURNING f.id, f.kind::text AS kind, f.enterprise_id, f.reviewed_at`;
    const flag = updated[0];
    if (!flag) {
      const [visible] = await tx.$queryRaw<{ reviewed: boolean }[]>`
        SELECT f.reviewed_at IS NOT NULL AS reviewed FROM market_flags f JOIN enterprises e ON e.id = f.enterprise_id
         WHERE f.id = ${input.flagId}::uuid AND ${reachSql(reach)}`;
      if (visible?.reviewed) throw new AppError("CONFLICT", "flagAlreadyReviewed");
      throw notFound();
    }
    await writeAudit(tx, {
      actorId: who.userId,
      bankId: null,
      action: "market_flag.review",
      entityType: "market_flag",
      entityId: flag.id,
      after: { kind: flag.kind, enterpriseId: flag.enterprise_id, note: input.note },
    });
    return { flagId: flag.id, reviewedAt: flag.reviewed_at.toISOString() };
  });
}
