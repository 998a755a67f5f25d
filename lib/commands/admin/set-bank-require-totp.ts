// A bank's admin decides whether every user of the bank signs in with a second factor. Users
// without one are sent to enrol at their next request (lib/auth/sessions.ts: pending "totp").
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { requireTotpSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { NO_META, requireBankAdmin } from "@/lib/commands/admin/authorize";

export async function setBankRequireTotp(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<{ requireTotp: boolean; changed: boolean }> {
  const admin = requireBankAdmin(actor);
  const input = parseOrThrow(requireTotpSchema, raw);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ require_totp: boolean }[]>`SELECT require_totp FROM banks WHERE id = ${admin.bankId}::uuid FOR UPDATE`;
    const before = rows[0]!.require_totp;
    if (before === input.requireTotp) return { requireTotp: before, changed: false };
    await tx.bank.update({ where: { id: admin.bankId }, data: { requireTotp: input.requireTotp } });
    await writeAudit(tx, {
      actorId: admin.userId, bankId: admin.bankId, action: "bank.set_require_totp", entityType: "bank", entityId: admin.bankId,
      before: { requireTotp: before }, after: { requireTotp: input.requireTotp }, ...meta,
    });
    return { requireTotp: input.requireTotp, changed: true };
  });
}
