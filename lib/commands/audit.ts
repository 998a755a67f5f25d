import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db-client";

export type AuditEntry = {
  actorId: string | null;
  bankId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  /** Where the request came from (security events): lib/auth/request-meta.ts. */
  ip?: string | null;
  userAgent?: string | null;
};

/** Appends an audit row; call it inside the transaction that makes the change it describes. */
export async function writeAudit(tx: Tx | Db, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: entry });
}
