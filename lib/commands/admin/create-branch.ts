// A bank's admin opens a branch: code (unique in the bank), Chinese and English names, county.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { AppError } from "@/lib/errors";
import { createBranchSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { isUniqueViolation, NO_META, requireBankAdmin } from "@/lib/commands/admin/authorize";

function codeTaken(): AppError {
  return new AppError("CONFLICT", "branchCodeTaken", { code: ["branchCodeTaken"] });
}

export async function createBranch(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<{ branchId: string }> {
  const admin = requireBankAdmin(actor);
  const input = parseOrThrow(createBranchSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.branch.findUnique({ where: { bankId_code: { bankId: admin.bankId, code: input.code } }, select: { id: true } })) throw codeTaken();
      const branch = await tx.branch.create({ data: { bankId: admin.bankId, ...input } });
      await writeAudit(tx, {
        actorId: admin.userId, bankId: admin.bankId, action: "branch.create", entityType: "branch", entityId: branch.id,
        after: input, ...meta,
      });
      return { branchId: branch.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken();
    throw error;
  }
}
