// A regulator admin adds a regulator user with a jurisdiction (浙江, 浙江不含宁波, 宁波),
// optionally an admin. The temporary password is returned once; only its hash is stored.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { createRegulatorUserSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { assertJurisdictionWithin, isUniqueViolation, NO_META, requireRegulatorAdmin, userSnapshot } from "@/lib/commands/admin/authorize";
import { temporaryCredentials } from "@/lib/commands/admin/temporary-password";
import { assertEmailFree, emailTaken, type CreatedUser } from "@/lib/commands/admin/create-bank-user";

export async function createRegulatorUser(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<CreatedUser> {
  const admin = requireRegulatorAdmin(actor);
  const input = parseOrThrow(createRegulatorUserSchema, raw);
  assertJurisdictionWithin(admin, input.jurisdiction);
  const credentials = await temporaryCredentials();
  try {
    return await db.$transaction(async (tx) => {
      await assertEmailFree(tx, input.email);
      const user = await tx.user.create({
        data: {
          email: input.email, name: input.name, role: "REGULATOR", jurisdiction: input.jurisdiction,
          isAdmin: input.isAdmin, passwordHash: credentials.hash, mustChangePassword: true,
        },
      });
      await writeAudit(tx, {
        actorId: admin.userId, bankId: null, action: "user.create", entityType: "user", entityId: user.id,
        after: userSnapshot(user), ...meta,
      });
      return { userId: user.id, email: user.email, temporaryPassword: credentials.password };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
