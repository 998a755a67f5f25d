// Authorization-matrix rows of the audit feature (see tests/support/authz-matrix.ts). The audit
// log is read by a bank's head office (its bank's rows) and by a regulator admin (the
// regulator side; the test world's regulator is not an admin, so it reads nothing — the admin
// side is checked in audit-log.test.ts). The full phone of a legal representative is shown to
// those who may open the enterprise page (its bank's client in their scope), never to a regulator.
import { db } from "@/lib/db";
import { revealLegalRepPhone } from "@/lib/commands/reveal-phone";
import { auditFilterSchema, auditLogForExport, listAuditLog } from "@/lib/queries/audit-log";
import { action, only, type ActionRow, type QueryRow } from "./authz-cells";
import type { World } from "./world";

/** A fresh bank-A audit row, found through the reader's filters by its unique action suffix. */
async function bankARow(world: World): Promise<string> {
  const action = `visit.matrix_${Math.random().toString(36).slice(2, 10)}`;
  await db.auditLog.create({ data: { actorId: world.userIds.owner, bankId: world.bankA, action, entityType: "visit", entityId: world.tag } });
  return action;
}

export const AUDIT_ACTIONS: readonly ActionRow[] = [
  action({
    action: "revealPhoneAction",
    file: "lib/actions/personal-data.ts",
    command: "revealLegalRepPhone",
    cells: only("owner", "branchHead", "headOffice"),
    prepare: async (world) => ({ enterpriseId: world.enterpriseId }),
    call: async (actor, { enterpriseId }) => {
      const { phone } = await revealLegalRepPhone(actor, { enterpriseId });
      if (!phone) throw new Error("no phone came back");
    },
  }),
];

export const AUDIT_QUERIES: readonly QueryRow[] = [
  {
    query: "listAuditLog",
    file: "lib/queries/audit-log.ts",
    cells: only("headOffice"),
    sees: async (world, actor) => {
      const action = await bankARow(world);
      return ((await listAuditLog(actor, auditFilterSchema.parse({ action })))?.rows ?? []).some((r) => r.action === action);
    },
  },
  {
    query: "auditLogForExport",
    file: "lib/queries/audit-log.ts",
    cells: only("headOffice"),
    sees: async (world, actor) => {
      const action = await bankARow(world);
      return ((await auditLogForExport(actor, auditFilterSchema.parse({ action })))?.rows ?? []).some((r) => r.action === action);
    },
  },
];
