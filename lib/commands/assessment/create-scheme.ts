// A head office adds a scoring scheme for its bank. Schemes are never edited: a new one with
// a later start date takes over from that day, so scores already shown for earlier periods
// keep the weights they were computed with.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isUniqueViolation } from "@/lib/commands/idempotency";
import { AppError, notFound } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { createSchemeSchema } from "@/lib/assessment/scheme-schema";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { rollupScope } from "@/lib/auth/scope";

export type CreateSchemeResult = { schemeId: string };

export async function createAssessmentScheme(actor: Actor | null, raw: unknown): Promise<CreateSchemeResult> {
  const who = requireActor(actor);
  const scope = rollupScope(who);
  if (!scope || scope.level !== "bank") throw notFound();
  const input = parseOrThrow(createSchemeSchema, raw);
  const data = {
    bankId: scope.bankId,
    name: input.name,
    validFrom: new Date(`${input.validFrom}T00:00:00Z`),
    weightNewFirstLoans: input.weightNewFirstLoans,
    weightFirstLoanAmount: input.weightFirstLoanAmount,
    weightCoverage: input.weightCoverage,
    weightConversion: input.weightConversion,
    weightPartner: input.weightPartner,
    weightTimeliness: input.weightTimeliness,
    createdById: who.userId,
  };
  try {
    return await db.$transaction(async (tx) => {
      const scheme = await tx.assessmentScheme.create({ data, select: { id: true } });
      await writeAudit(tx, {
        actorId: who.userId,
        bankId: scope.bankId,
        action: "assessment_scheme.create",
        entityType: "assessment_scheme",
        entityId: scheme.id,
        after: { ...input },
      });
      return { schemeId: scheme.id };
    });
  } catch (error) {
    // One scheme per bank and start date.
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "schemeExists", { validFrom: ["schemeExists"] });
    }
    throw error;
  }
}
