// A bank's admin adds a user of the bank: an account manager or branch head (in an open
// branch of the bank) or a head-office user (optionally an admin). The temporary password is
// returned once, for the admin to pass on; only its hash is stored.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { AppError } from "@/lib/errors";
import { createBankUserSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { isUniqueViolation, lockOpenBranch, NO_META, requireBankAdmin, userSnapshot } from "@/lib/commands/admin/authorize";
import { temporaryCredentials } from "@/lib/commands/admin/temporary-password";
import type { Tx } from "@/lib/db-client";

export type CreatedUser = { userId: string; email: string; temporaryPassword: string };

export function emailTaken(): AppError {
  return new AppError("CONFLICT", "emailTaken", { email: ["emailTaken"] });
}

/** Emails are unique across the installation: a clear refusal, nothing written. */
export async function assertEmailFree(tx: Tx, email: string): Promise<void> {
  if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw emailTaken();
}

export async function createBankUser(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<CreatedUser> {
  const admin = requireBankAdmin(actor);
  const input = parseOrThrow(createBankUserSchema, raw);
  const credentials = await temporaryCredentials();
  try {
    return await db.$transaction(async (tx) => {
      if (input.branchId) await lockOpenBranch(tx, admin.bankId, input.branchId);
      await assertEmailFree(tx, input.email);
      const user = await tx.user.create({
        data: {
          email: input.email, name: input.name, role: input.role, bankId: admin.bankId, branchId: input.branchId ?? null,
          isAdmin: input.isAdmin, passwordHash: credentials.hash, mustChangePassword: true,
        },
      });
      await writeAudit(tx, {
        actorId: admin.userId, bankId: admin.bankId, action: "user.create", entityType: "user", entityId: user.id,
        after: userSnapshot(user), ...meta,
      });
      return { userId: user.id, email: user.email, temporaryPassword: credentials.password };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
