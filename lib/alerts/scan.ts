// The daily scan (queue "daily-scan", 07:00 Asia/Shanghai, or on demand): alerts that reach the
// right person, the branch heads' digest, and the market-order flags — one transaction, set-based.
//
// An alert is a notifications row per (person, kind, cause). The scan computes today's set of
// causes; inserts the new ones (a closed one whose cause came back is reopened), and closes the
// open ones whose cause is gone (the need was visited, the follow-up logged, the line drawn…).
// Running it twice on the same day writes nothing the second time. Alerts go to the client's
// current account manager; proposals pending too long go to the heads of the line's branch.
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { isValidIsoDate, todayInShanghai, type IsoDate } from "@/lib/domain/dates";
import { recordRun, type JobResult, type JobTrigger } from "@/lib/jobs/runs";
import { scanMarketFlags } from "@/lib/market/flags";

export const ALERT_RULES = {
  needWaitingDays: 7,
  notDrawnDays: 30,
  expiringWithinDays: 30,
  untouchedDays: 90,
  pendingWorkingDays: 3,
} as const;

export const ALERT_KINDS = [
  "NEED_NO_VISIT", "FOLLOW_UP_DUE", "APPROVED_NOT_DRAWN", "LINE_EXPIRING", "PARTNER_AT_RISK", "UNTOUCHED", "PROPOSAL_PENDING",
] as const;

export type DailyScanJobData = { day?: string; trigger?: JobTrigger; requestedById?: string | null };

export type ScanCounts = { opened: number; closed: number; digests: number; flags: number };

/** The causes that hold on `day`, as rows ready for notifications. */
function currentAlerts(day: IsoDate): Prisma.Sql {
  const r = ALERT_RULES;
  return Prisma.sql`
    -- A financing need waiting ≥ 7 days without an on-site visit since it was raised (and no credit since).
    SELECT bc.manager_id AS user_id, bc.bank_id, 'NEED_NO_VISIT'::"NotificationKind" AS kind, 'need:' || n.id AS cause_key,
           bc.enterprise_id, bc.id AS client_id,
           jsonb_build_object('raisedOn', n.raised_on, 'amount', n.amount::text) AS payload
      FROM financing_needs n JOIN bank_clients bc ON bc.id = n.client_id
     WHERE bc.manager_id IS NOT NULL AND n.raised_on <= ${day}::date - ${r.needWaitingDays}::int
       AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.client_id = n.client_id AND v.mode = 'ON_SITE' AND v.visited_on >= n.raised_on)
       AND NOT EXISTS (SELECT 1 FROM credit_lines cl WHERE cl.client_id = n.client_id AND cl.status IN ('PENDING', 'APPROVED')
                        AND (cl.proposed_at AT TIME ZONE 'Asia/Shanghai')::date >= n.raised_on)
    UNION ALL
    -- The follow-up date of the latest contact has passed.
    SELECT bc.manager_id, bc.bank_id, 'FOLLOW_UP_DUE', 'follow-up:' || bc.id || ':' || bc.next_follow_up_on,
           bc.enterprise_id, bc.id, jsonb_build_object('followUpOn', bc.next_follow_up_on, 'lastContactOn', bc.last_contact_at)
      FROM bank_clients bc
     WHERE bc.manager_id IS NOT NULL AND bc.next_follow_up_on < ${day}::date
    UNION ALL
    -- Credit approved 30+ days ago and nothing drawn, the line still open.
    SELECT bc.manager_id, bc.bank_id, 'APPROVED_NOT_DRAWN', 'line:' || cl.id,
           bc.enterprise_id, bc.id, jsonb_build_object('decidedOn', cl.decided_on, 'limitAmount', cl.limit_amount::text, 'validTo', cl.valid_to)
      FROM credit_lines cl JOIN bank_clients bc ON bc.id = cl.client_id
     WHERE bc.manager_id IS NOT NULL AND cl.status = 'APPROVED' AND cl.decided_on <= ${day}::date - ${r.notDrawnDays}::int
       AND cl.drawn_amount = 0 AND cl.valid_to >= ${day}::date
    UNION ALL
    -- An approved line ending within 30 days.
    SELECT bc.manager_id, bc.bank_id, 'LINE_EXPIRING', 'line:' || cl.id,
           bc.enterprise_id, bc.id, jsonb_build_object('validTo', cl.valid_to, 'limitAmount', cl.limit_amount::text)
      FROM credit_lines cl JOIN bank_clients bc ON bc.id = cl.client_id
     WHERE bc.manager_id IS NOT NULL AND cl.status = 'APPROVED'
       AND cl.valid_to BETWEEN ${day}::date AND ${day}::date + ${r.expiringWithinDays}::int
    UNION ALL
    -- A 首贷户 of this bank whose line ends (within 30 days, or ended in the last 30) with no
    -- further line approved or proposed: the step to partner client is at risk.
    SELECT bc.manager_id, bc.bank_id, 'PARTNER_AT_RISK', 'partner:' || bc.id || ':' || ends.valid_to,
           bc.enterprise_id, bc.id, jsonb_build_object('validTo', ends.valid_to)
      FROM bank_clients bc
      JOIN LATERAL (SELECT max(cl.valid_to) AS valid_to FROM credit_lines cl
                     WHERE cl.client_id = bc.id AND cl.status = 'APPROVED') ends ON true
     WHERE bc.manager_id IS NOT NULL AND bc.stage = 'FIRST_LOAN'
       AND ends.valid_to BETWEEN ${day}::date - ${r.expiringWithinDays}::int AND ${day}::date + ${r.expiringWithinDays}::int
       AND NOT EXISTS (SELECT 1 FROM credit_lines p WHERE p.client_id = bc.id AND p.status = 'PENDING')
    UNION ALL
    -- A listed client, with its manager for 90+ days, not contacted in 90 days (before any loan).
    SELECT bc.manager_id, bc.bank_id, 'UNTOUCHED', 'untouched:' || bc.id,
           bc.enterprise_id, bc.id, jsonb_build_object('lastContactOn', bc.last_contact_at, 'assignedAt', (bc.assigned_at AT TIME ZONE 'Asia/Shanghai')::date)
      FROM bank_clients bc
     WHERE bc.manager_id IS NOT NULL AND bc.stage IN ('NO_LOAN', 'NEED_REGISTERED', 'VISITED', 'CREDIT_GRANTED')
       AND (bc.assigned_at AT TIME ZONE 'Asia/Shanghai')::date <= ${day}::date - ${r.untouchedDays}::int
       AND coalesce(bc.last_contact_at, '-infinity'::date) < ${day}::date - ${r.untouchedDays}::int
       AND EXISTS (SELECT 1 FROM list_memberships m WHERE m.enterprise_id = bc.enterprise_id)
    UNION ALL
    -- A proposal pending more than 3 working days (Monday–Friday) goes to the heads of its branch.
    SELECT h.id, cl.bank_id, 'PROPOSAL_PENDING', 'proposal:' || cl.id,
           cl.enterprise_id, cl.client_id,
           jsonb_build_object('proposedOn', (cl.proposed_at AT TIME ZONE 'Asia/Shanghai')::date, 'limitAmount', cl.limit_amount::text)
      FROM credit_lines cl
      JOIN users h ON h.branch_id = cl.branch_id AND h.role = 'BRANCH_HEAD' AND h.is_active AND h.id <> cl.proposed_by_id
     WHERE cl.status = 'PENDING'
       AND (SELECT count(*) FROM generate_series((cl.proposed_at AT TIME ZONE 'Asia/Shanghai')::date + 1, ${day}::date, interval '1 day') d
             WHERE extract(isodow FROM d) < 6) > ${r.pendingWorkingDays}`;
}

/** The scan itself, in the caller's transaction: returns what it changed. */
export async function scanAlerts(tx: Prisma.TransactionClient, day: IsoDate): Promise<Omit<ScanCounts, "flags">> {
  await tx.$executeRaw`CREATE TEMP TABLE alert_scan ON COMMIT DROP AS ${currentAlerts(day)}`;
  const opened = await tx.$executeRaw`
    INSERT INTO notifications (user_id, bank_id, kind, cause_key, enterprise_id, client_id, payload)
    SELECT user_id, bank_id, kind, cause_key, enterprise_id, client_id, payload FROM alert_scan
    ON CONFLICT (user_id, kind, cause_key) DO UPDATE SET closed_at = NULL, read_at = NULL, payload = EXCLUDED.payload, created_at = now()
      WHERE notifications.closed_at IS NOT NULL`;
  const closed = await tx.$executeRaw`
    UPDATE notifications n SET closed_at = now()
     WHERE n.closed_at IS NULL AND n.kind::text = ANY(${[...ALERT_KINDS]}::text[])
       AND NOT EXISTS (SELECT 1 FROM alert_scan s WHERE s.user_id = n.user_id AND s.kind = n.kind AND s.cause_key = n.cause_key)`;
  // The branch head's digest of the day: open alerts of the branch's clients and their own
  // pending proposals, by kind; one per head and day, yesterday's closed.
  const digests = await tx.$executeRaw`
    INSERT INTO notifications (user_id, bank_id, kind, cause_key, payload)
    SELECT h.id, h.bank_id, 'DAILY_DIGEST', 'digest:' || ${day}, jsonb_build_object('day', ${day}::text, 'counts', jsonb_object_agg(c.kind, c.n), 'total', sum(c.n))
      FROM users h
      JOIN LATERAL (
        SELECT n.kind::text AS kind, count(*) AS n FROM notifications n
          JOIN bank_clients bc ON bc.id = n.client_id
         WHERE n.closed_at IS NULL AND bc.branch_id = h.branch_id
           AND ((n.kind::text = ANY(${[...ALERT_KINDS.filter((k) => k !== "PROPOSAL_PENDING")]}::text[])) OR (n.kind = 'PROPOSAL_PENDING' AND n.user_id = h.id))
         GROUP BY n.kind
      ) c ON true
     WHERE h.role = 'BRANCH_HEAD' AND h.is_active AND h.branch_id IS NOT NULL
     GROUP BY h.id, h.bank_id
    ON CONFLICT (user_id, kind, cause_key) DO NOTHING`;
  await tx.$executeRaw`
    UPDATE notifications SET closed_at = now()
     WHERE kind = 'DAILY_DIGEST' AND closed_at IS NULL AND cause_key <> 'digest:' || ${day}`;
  return { opened, closed, digests };
}

/** One day's scan: alerts, digests and market-order flags, in one transaction. */
export async function runDailyScan(day: IsoDate): Promise<ScanCounts> {
  return db.$transaction(async (tx) => {
    const counts = await scanAlerts(tx, day);
    const flags = await scanMarketFlags(tx, day);
    return { ...counts, flags };
  }, { timeout: 10 * 60_000, maxWait: 30_000 });
}

/** The queue's body: the day defaults to today in Shanghai; recorded in the job history. */
export async function runDailyScanJob(data: DailyScanJobData, attempt = 1): Promise<JobResult> {
  const day = data.day && isValidIsoDate(data.day) ? (data.day as IsoDate) : todayInShanghai();
  return recordRun("daily-scan", day, { trigger: data.trigger ?? "SCHEDULE", requestedById: data.requestedById, attempt }, async () => {
    const counts = await runDailyScan(day);
    return { rowsTouched: counts.opened + counts.closed + counts.digests + counts.flags, detail: counts };
  });
}
