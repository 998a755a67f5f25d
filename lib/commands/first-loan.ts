// The 首贷 fact belongs to the enterprise's earliest disbursement anywhere. Deciding it reads
// every bank's disbursements of the enterprise, so the enterprise row is locked first: two
// banks disbursing at the same moment cannot both claim the first loan.
//
// enterprises.first_loan_on (and bank, amount) is set exactly when some disbursement holds the
// fact: it is the date a 首贷户 got its first loan, and null for enterprises that never
// borrowed or whose first recorded loan was not their first ever.
import type { Tx } from "@/lib/db-client";
import type { Money } from "@/lib/domain/money";
import { isFirstEverLoan } from "@/lib/domain/stage";
import { fromIsoDate } from "@/lib/commands/dates";

export type FirstLoanClaim = {
  isFirstEver: boolean;
  /** Disbursements that held the fact until this one, dated earlier, took it over. */
  displaced: { id: string; bankId: string }[];
  /**
   * Whether this becomes the bank's earliest disbursement to the enterprise: only then can the
   * bank's stage facts (first disbursement, 首贷户/本行新客户) change.
   */
  isBankEarliest: boolean;
};

export async function claimFirstLoan(
  tx: Tx,
  input: {
    enterpriseId: string;
    bankId: string;
    amount: Money;
    disbursedOn: string;
    creditCheckOn: string;
    creditCheckHasPriorLoan: boolean;
  },
): Promise<FirstLoanClaim> {
  await tx.$queryRaw`SELECT 1 FROM enterprises WHERE id = ${input.enterpriseId}::uuid FOR UPDATE`;
  // A separate statement after the lock: under READ COMMITTED it sees what the transaction we
  // may have waited for committed (a subquery of the locking statement would not).
  const [facts] = await tx.$queryRaw<{ earliest_any: string | null; earliest_bank: string | null; holders: { id: string; bankId: string; on: string }[] }[]>`
    SELECT
      (SELECT min(disbursed_on)::text FROM disbursements WHERE enterprise_id = ${input.enterpriseId}::uuid) AS earliest_any,
      (SELECT min(disbursed_on)::text FROM disbursements WHERE enterprise_id = ${input.enterpriseId}::uuid AND bank_id = ${input.bankId}::uuid) AS earliest_bank,
      (SELECT coalesce(json_agg(json_build_object('id', id, 'bankId', bank_id, 'on', disbursed_on::text)), '[]'::json)
         FROM disbursements WHERE enterprise_id = ${input.enterpriseId}::uuid AND is_first_ever) AS holders`;
  const isFirstEver = isFirstEverLoan({
    earliestRecordedLoanOn: facts?.earliest_any ?? null,
    disbursedOn: input.disbursedOn,
    creditCheckHasPriorLoan: input.creditCheckHasPriorLoan,
  });
  const isBankEarliest = !facts?.earliest_bank || input.disbursedOn < facts.earliest_bank;

  // Whoever held the fact with a later date loses it: this loan came before theirs.
  const displaced = (facts?.holders ?? []).filter((h) => h.on > input.disbursedOn).map(({ id, bankId }) => ({ id, bankId }));
  if (displaced.length) {
    await tx.disbursement.updateMany({ where: { id: { in: displaced.map((d) => d.id) } }, data: { isFirstEver: false } });
  }
  if (isFirstEver || displaced.length) {
    await tx.enterprise.update({
      where: { id: input.enterpriseId },
      data: isFirstEver
        ? {
            firstLoanOn: fromIsoDate(input.disbursedOn),
            firstLoanBankId: input.bankId,
            firstLoanAmount: input.amount,
            creditCheckOn: fromIsoDate(input.creditCheckOn),
            creditCheckHasPriorLoan: input.creditCheckHasPriorLoan,
          }
        // An earlier loan that is not a first loan itself (its check found an older one):
        // the enterprise was never a 首贷户 after all.
        : { firstLoanOn: null, firstLoanBankId: null, firstLoanAmount: null, creditCheckOn: fromIsoDate(input.creditCheckOn), creditCheckHasPriorLoan: true },
    });
  }
  return { isFirstEver, displaced, isBankEarliest };
}
