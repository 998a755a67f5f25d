// The branch dashboard's ageing alerts as conditions on one client (alias bc = bank_clients).
// The dashboard counts them and the pool filters by them with this same SQL, so a count's
// link opens exactly the clients it counted.
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, type IsoDate } from "@/lib/domain/dates";

export const AGEING_KINDS = ["notContacted30", "notContacted60", "notContacted90", "needWithoutVisit7", "creditUndrawn30"] as const;
export type AgeingKind = (typeof AGEING_KINDS)[number];

/** Nothing done yet (无贷户) and no contact since `days` ago (the pool entry counts as one). */
function notContactedSql(today: IsoDate, days: number): Prisma.Sql {
  return Prisma.sql`(bc.stage = 'NO_LOAN' AND greatest(bc.created_at::date, coalesce(bc.last_contact_at, bc.created_at::date)) < ${addDays(today, -days)}::date)`;
}

export function ageingSql(kind: AgeingKind, today: IsoDate): Prisma.Sql {
  switch (kind) {
    case "notContacted30":
      return notContactedSql(today, 30);
    case "notContacted60":
      return notContactedSql(today, 60);
    case "notContacted90":
      return notContactedSql(today, 90);
    case "needWithoutVisit7":
      return Prisma.sql`(bc.first_need_at <= ${addDays(today, -7)}::date AND bc.first_visit_at IS NULL AND bc.first_credit_at IS NULL)`;
    case "creditUndrawn30":
      return Prisma.sql`(bc.first_credit_at <= ${addDays(today, -30)}::date AND bc.first_disbursed_at IS NULL)`;
  }
}
