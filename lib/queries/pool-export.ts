import "server-only";
// The pool as a file: the rows the pool page's filter (and sort) matches for this reader, or
// the ticked ones among them, up to POOL_EXPORT_MAX_ROWS. Same scope and condition as the page
// (poolWhereSql), so a ticked id outside the reader's pool is simply not there. The legal
// representative's phone leaves masked, as every screen shows it (revealing is per enterprise
// and audited on its page).
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { maskPhone } from "@/lib/domain/phone-mask";
import { POOL_SORT_KEYS, poolWhereSql, type PoolFilter } from "@/lib/queries/pool-filter";

export const POOL_EXPORT_MAX_ROWS = 10_000;

export type PoolExportRow = {
  name: string; uscc: string; cityCode: string; countyCode: string; stage: Stage;
  branchName: string | null; managerName: string | null; phoneMasked: string | null;
  lastContactOn: string | null; nextFollowUpOn: string | null;
};

export type PoolExport = { rows: PoolExportRow[]; isTruncated: boolean; scopeName: string };

/** Null for a reader without a pool (signed out, a regulator). */
export async function poolForExport(actor: Actor | null, filter: PoolFilter, clientIds: string[] = []): Promise<PoolExport | null> {
  if (!actor?.bankId || actor.role === "REGULATOR") return null;
  const ticked = clientIds.length ? Prisma.sql`AND bc.id = ANY(${clientIds}::uuid[])` : Prisma.empty;
  const dir = Prisma.raw(filter.desc ? "DESC" : "ASC");
  const [rows, scope] = await Promise.all([
    db.$queryRaw<{ name: string; uscc: string; city_code: string; county_code: string; stage: Stage; branch_name: string | null; manager_name: string | null; phone: string | null; last_contact_on: string | null; next_follow_up_on: string | null }[]>`
      SELECT e.name, e.uscc, e.city_code, e.county_code, bc.stage::text AS stage, br.name AS branch_name, u.name AS manager_name,
             e.legal_rep_phone AS phone,
             to_char(bc.last_contact_at, 'YYYY-MM-DD') AS last_contact_on, to_char(bc.next_follow_up_on, 'YYYY-MM-DD') AS next_follow_up_on
        FROM bank_clients bc
        JOIN enterprises e ON e.id = bc.enterprise_id
        LEFT JOIN branches br ON br.id = bc.branch_id
        LEFT JOIN users u ON u.id = bc.manager_id
       WHERE ${poolWhereSql(actor, filter)} ${ticked}
       ORDER BY ${POOL_SORT_KEYS[filter.sort ?? "name"]} ${dir}, bc.enterprise_id ${dir}
       LIMIT ${POOL_EXPORT_MAX_ROWS + 1}`,
    actor.role === "BANK_HEAD_OFFICE"
      ? db.bank.findUnique({ where: { id: actor.bankId }, select: { name: true } })
      : actor.role === "BRANCH_HEAD" && actor.branchId
        ? db.branch.findUnique({ where: { id: actor.branchId }, select: { name: true } })
        : db.user.findUnique({ where: { id: actor.userId }, select: { name: true } }),
  ]);
  return {
    rows: rows.slice(0, POOL_EXPORT_MAX_ROWS).map((r) => ({
      name: r.name, uscc: r.uscc, cityCode: r.city_code, countyCode: r.county_code, stage: r.stage,
      branchName: r.branch_name, managerName: r.manager_name, phoneMasked: r.phone ? maskPhone(r.phone) : null,
      lastContactOn: r.last_contact_on, nextFollowUpOn: r.next_follow_up_on,
    })),
    isTruncated: rows.length > POOL_EXPORT_MAX_ROWS,
    scopeName: scope?.name ?? "",
  };
}
