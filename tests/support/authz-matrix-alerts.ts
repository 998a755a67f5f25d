// Authorization-matrix rows of the scheduled side (see tests/support/authz-matrix.ts).
// Notifications are personal: the world's owner sees and marks their own alert, nobody else
// (not their branch head, not head office). The job history and the on-demand scan need admin
// rights, which none of the world's ten callers has; what admins may do is checked with
// admin callers in tests/integration/jobs.test.ts.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { markNotificationsRead } from "@/lib/commands/mark-notifications-read";
import { requestDailyScan } from "@/lib/commands/request-daily-scan";
import { countUnreadNotifications, listNotifications } from "@/lib/queries/notifications";
import { listJobRuns } from "@/lib/queries/job-runs";
import { addClient } from "./money";
import { action, only, type ActionRow, type QueryRow } from "./authz-cells";
import type { World } from "./world";

/** An open alert for the world's owner about a client of theirs. */
async function ownerAlert(world: World): Promise<string> {
  const { enterpriseId, clientId } = await addClient(world);
  const row = await db.notification.create({
    data: { userId: world.userIds.owner, bankId: world.bankA, kind: "UNTOUCHED", causeKey: `untouched:${clientId}:${randomUUID()}`, enterpriseId, clientId, payload: {} },
  });
  return row.id;
}

export const ALERT_ACTIONS: readonly ActionRow[] = [
  action({
    action: "markNotificationsReadAction",
    file: "lib/actions/notifications.ts",
    command: "markNotificationsRead",
    cells: only("owner"),
    prepare: async (world) => ({ id: await ownerAlert(world) }),
    call: (actor, { id }) => markNotificationsRead(actor, { id }),
  }),
  action({
    action: "requestDailyScanAction",
    file: "lib/actions/jobs.ts",
    command: "requestDailyScan",
    cells: only(),
    prepare: async () => ({}),
    call: (actor) => requestDailyScan(actor),
  }),
];

export const ALERT_QUERIES: readonly QueryRow[] = [
  {
    query: "listNotifications",
    file: "lib/queries/notifications.ts",
    cells: only("owner"),
    sees: async (world, actor) => {
      const id = await ownerAlert(world);
      return (await listNotifications(actor)).some((n) => n.id === id);
    },
  },
  {
    query: "countUnreadNotifications",
    file: "lib/queries/notifications.ts",
    cells: only("owner"),
    sees: async (world, actor) => {
      const before = await countUnreadNotifications(actor);
      await ownerAlert(world);
      return (await countUnreadNotifications(actor)) === before + 1;
    },
  },
  {
    query: "listJobRuns",
    file: "lib/queries/job-runs.ts",
    cells: only(),
    sees: async (_world, actor) => (await listJobRuns(actor)) !== null,
  },
];
