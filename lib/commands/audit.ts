import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db-client";

export type AuditEntry = {
  actorId: string | null;
  bankId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

/** Appends an audit row; call it inside the transaction that makes the change it describes. */
export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: entry });
}
