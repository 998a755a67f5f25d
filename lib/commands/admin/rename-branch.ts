// A bank's admin renames a branch (Chinese and English names); code and county stay.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { notFound } from "@/lib/errors";
import { renameBranchSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { NO_META, requireBankAdmin } from "@/lib/commands/admin/authorize";

export async function renameBranch(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<{ branchId: string; changed: boolean }> {
  const admin = requireBankAdmin(actor);
  const input = parseOrThrow(renameBranchSchema, raw);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ name: string; name_en: string }[]>`
      SELECT name, name_en FROM branches WHERE id = ${input.branchId}::uuid AND bank_id = ${admin.bankId}::uuid FOR UPDATE`;
    const before = rows[0];
    if (!before) throw notFound();
    if (before.name === input.name && before.name_en === input.nameEn) return { branchId: input.branchId, changed: false };
    await tx.branch.update({ where: { id: input.branchId }, data: { name: input.name, nameEn: input.nameEn } });
    await writeAudit(tx, {
      actorId: admin.userId, bankId: admin.bankId, action: "branch.rename", entityType: "branch", entityId: input.branchId,
      before: { name: before.name, nameEn: before.name_en }, after: { name: input.name, nameEn: input.nameEn }, ...meta,
    });
    return { branchId: input.branchId, changed: true };
  });
}
