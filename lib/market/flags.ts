// Order in the market (handling of violations): flags the regulator reviews, raised by the
// daily scan (lib/alerts/scan.ts calls scanMarketFlags). Each kind is one set-based INSERT …
// SELECT; a flag is identified by (kind, enterprise, cause_key), so running the same day twice,
// or the next day with nothing new, writes nothing (ON CONFLICT DO NOTHING). `facts` holds
// aggregate facts only: bank names, dates and counts — never a bank's notes, a manager or a
// person's contact data.
//
//   FIRST_LOAN_MOVED  the enterprise's recorded 首贷 bank (enterprises.first_loan_bank_id) is not
//                     the bank of its earliest disbursement, or another bank disbursed before
//                     the recorded first-loan date. Cause: the recorded bank and the earliest
//                     disbursement, so a record corrected and moved again is a new flag.
//   CROWDING          three or more banks recorded a visit (any mode: on site, phone, online)
//                     to the enterprise within the 30 days ending on `day`. Cause: the set of
//                     banks, so one crowding episode is one flag however many days it lasts;
//                     a further bank joining makes a new set and a new flag.
//   NO_CREDIT_CHECK   a first-ever disbursement (disbursements.is_first_ever) with no
//                     credit-bureau check dated on or before it, neither on the credit line
//                     (credit_lines.credit_check_on) nor on the enterprise
//                     (enterprises.credit_check_on). Cause: the disbursement.
// Only disbursements and visits dated on or before `day` are considered.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db-client";
import { addDays, isValidIsoDate } from "@/lib/domain/dates";

type Executor = Pick<Db | Tx, "$executeRaw">;

const bankJson = (alias: string) => Prisma.sql`jsonb_build_object('name', ${Prisma.raw(alias)}.name, 'nameEn', ${Prisma.raw(alias)}.name_en)`;

async function firstLoanMoved(db: Executor, day: string): Promise<number> {
  return db.$executeRaw`
    INSERT INTO market_flags (kind, enterprise_id, cause_key, facts)
    SELECT 'FIRST_LOAN_MOVED', c.enterprise_id,
           'recorded:' || c.recorded_bank::text || '|first:' || c.earliest_id::text,
           jsonb_build_object(
             'recordedBank', ${bankJson("rb")}, 'recordedFirstLoanOn', c.recorded_on::text,
             'earliestBank', ${bankJson("eb")}, 'earliestDisbursedOn', c.earliest_on::text,
             'otherBanksBefore', c.banks_before)
      FROM (
        SELECT e.id AS enterprise_id, e.first_loan_bank_id AS recorded_bank, e.first_loan_on AS recorded_on,
               x.id AS earliest_id, x.bank_id AS earliest_bank, x.disbursed_on AS earliest_on,
               (SELECT count(DISTINCT d2.bank_id) FROM disbursements d2
                 WHERE d2.enterprise_id = e.id AND d2.bank_id <> e.first_loan_bank_id
                   AND d2.disbursed_on < e.first_loan_on AND d2.disbursed_on <= ${day}::date)::int AS banks_before
          FROM enterprises e
          JOIN LATERAL (SELECT d.id, d.bank_id, d.disbursed_on FROM disbursements d
                         WHERE d.enterprise_id = e.id AND d.disbursed_on <= ${day}::date
                         ORDER BY d.disbursed_on, d.created_at, d.id LIMIT 1) x ON true
         WHERE e.first_loan_bank_id IS NOT NULL AND e.first_loan_on IS NOT NULL
      ) c
      JOIN banks rb ON rb.id = c.recorded_bank
      JOIN banks eb ON eb.id = c.earliest_bank
     WHERE c.earliest_bank <> c.recorded_bank OR c.banks_before > 0
    ON CONFLICT (kind, enterprise_id, cause_key) DO NOTHING`;
}

async function crowding(db: Executor, day: string): Promise<number> {
  const from = addDays(day, -29);
  return db.$executeRaw`
    WITH per_bank AS (
      SELECT v.enterprise_id, v.bank_id, count(*)::int AS visits, min(v.visited_on) AS first_on, max(v.visited_on) AS last_on
        FROM visits v
       WHERE v.visited_on BETWEEN ${from}::date AND ${day}::date
       GROUP BY v.enterprise_id, v.bank_id
    ), crowded AS (
      SELECT enterprise_id FROM per_bank GROUP BY enterprise_id HAVING count(*) >= 3
    )
    INSERT INTO market_flags (kind, enterprise_id, cause_key, facts)
    SELECT 'CROWDING', p.enterprise_id,
           'banks:' || md5(string_agg(p.bank_id::text, ',' ORDER BY p.bank_id)),
           jsonb_build_object(
             'windowFrom', ${from}::text, 'windowTo', ${day}::text, 'bankCount', count(*),
             'banks', jsonb_agg(jsonb_build_object('name', b.name, 'nameEn', b.name_en, 'visits', p.visits,
                                                   'firstVisitOn', p.first_on::text, 'lastVisitOn', p.last_on::text)
                                ORDER BY p.first_on, b.name))
      FROM per_bank p
      JOIN crowded c ON c.enterprise_id = p.enterprise_id
      JOIN banks b ON b.id = p.bank_id
     GROUP BY p.enterprise_id
    ON CONFLICT (kind, enterprise_id, cause_key) DO NOTHING`;
}

async function noCreditCheck(db: Executor, day: string): Promise<number> {
  return db.$executeRaw`
    INSERT INTO market_flags (kind, enterprise_id, cause_key, facts)
    SELECT 'NO_CREDIT_CHECK', d.enterprise_id, 'disbursement:' || d.id::text,
           jsonb_build_object(
             'bank', ${bankJson("b")}, 'disbursedOn', d.disbursed_on::text,
             'lineCheckOn', cl.credit_check_on::text, 'enterpriseCheckOn', e.credit_check_on::text)
      FROM disbursements d
      JOIN credit_lines cl ON cl.id = d.credit_line_id
      JOIN enterprises e ON e.id = d.enterprise_id
      JOIN banks b ON b.id = d.bank_id
     WHERE d.is_first_ever AND d.disbursed_on <= ${day}::date
       AND (cl.credit_check_on IS NULL OR cl.credit_check_on > d.disbursed_on)
       AND (e.credit_check_on IS NULL OR e.credit_check_on > d.disbursed_on)
    ON CONFLICT (kind, enterprise_id, cause_key) DO NOTHING`;
}

/** Raises the flags of `day` (YYYY-MM-DD, Shanghai); returns how many new flags were written. */
export async function scanMarketFlags(db: Executor, day: string): Promise<number> {
  if (!isValidIsoDate(day)) throw new RangeError(`scanMarketFlags needs a YYYY-MM-DD day: ${JSON.stringify(day)}`);
  // One after the other: inside a caller's transaction the statements share one connection.
  const moved = await firstLoanMoved(db, day);
  const crowded = await crowding(db, day);
  const unchecked = await noCreditCheck(db, day);
  return moved + crowded + unchecked;
}
