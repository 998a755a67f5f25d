// A regulator admin onboards a bank with its first head-office admin (temporary password shown
// once; they must set their own, and enrol a second factor, at first sign-in). The bank's admin
// then opens its branches and adds its users.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { AppError } from "@/lib/errors";
import { createBankSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { isUniqueViolation, NO_META, requireRegulatorAdmin, userSnapshot } from "@/lib/commands/admin/authorize";
import { temporaryCredentials } from "@/lib/commands/admin/temporary-password";
import { assertEmailFree, emailTaken } from "@/lib/commands/admin/create-bank-user";

export type CreatedBank = { bankId: string; bankName: string; adminUserId: string; adminEmail: string; temporaryPassword: string };

function codeTaken(): AppError {
  return new AppError("CONFLICT", "bankCodeTaken", { code: ["bankCodeTaken"] });
}

export async function createBank(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<CreatedBank> {
  const admin = requireRegulatorAdmin(actor);
  const input = parseOrThrow(createBankSchema, raw);
  const credentials = await temporaryCredentials();
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.bank.findUnique({ where: { code: input.code }, select: { id: true } })) throw codeTaken();
      await assertEmailFree(tx, input.adminEmail);
      const bank = await tx.bank.create({ data: { code: input.code, name: input.name, nameEn: input.nameEn } });
      const user = await tx.user.create({
        data: {
          email: input.adminEmail, name: input.adminName, role: "BANK_HEAD_OFFICE", bankId: bank.id, isAdmin: true,
          passwordHash: credentials.hash, mustChangePassword: true,
        },
      });
      await writeAudit(tx, {
        actorId: admin.userId, bankId: bank.id, action: "bank.create", entityType: "bank", entityId: bank.id,
        after: { code: bank.code, name: bank.name, nameEn: bank.nameEn, adminUserId: user.id }, ...meta,
      });
      await writeAudit(tx, {
        actorId: admin.userId, bankId: bank.id, action: "user.create", entityType: "user", entityId: user.id,
        after: userSnapshot(user), ...meta,
      });
      return { bankId: bank.id, bankName: bank.name, adminUserId: user.id, adminEmail: user.email, temporaryPassword: credentials.password };
    });
  } catch (error) {
    // Two onboardings racing for one code or email: whichever came second.
    if (isUniqueViolation(error)) {
      const target = String((error as { meta?: { target?: unknown } }).meta?.target ?? "");
      throw target.includes("email") ? emailTaken() : codeTaken();
    }
    throw error;
  }
}
