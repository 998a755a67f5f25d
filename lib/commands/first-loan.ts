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
import { fromIsoDate, toIsoDate } from "@/lib/commands/dates";

export type FirstLoanClaim = {
  isFirstEver: boolean;
  /** Disbursements that held the fact until this one, dated earlier, took it over. */
  displaced: { id: string; bankId: string }[];
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
  const earliest = await tx.disbursement.findFirst({
    where: { enterpriseId: input.enterpriseId },
    orderBy: { disbursedOn: "asc" },
    select: { disbursedOn: true },
  });
  const isFirstEver = isFirstEverLoan({
    earliestRecordedLoanOn: earliest ? toIsoDate(earliest.disbursedOn) : null,
    disbursedOn: input.disbursedOn,
    creditCheckHasPriorLoan: input.creditCheckHasPriorLoan,
  });
  // Whoever held the fact with a later date loses it: this loan came before theirs.
  const displaced = await tx.disbursement.findMany({
    where: { enterpriseId: input.enterpriseId, isFirstEver: true, disbursedOn: { gt: fromIsoDate(input.disbursedOn) } },
    select: { id: true, bankId: true },
  });
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
  return { isFirstEver, displaced };
}
