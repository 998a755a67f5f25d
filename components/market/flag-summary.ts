import type { FlagFacts, MarketFlagKindName } from "@/lib/queries/market-flags";

type Bank = { name?: string; nameEn?: string };
type T = (key: string, values?: Record<string, string | number>) => string;

const bankName = (b: unknown, en: boolean) => {
  const x = (b ?? {}) as Bank;
  return (en ? x.nameEn : x.name) ?? x.name ?? "—";
};
const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "—");

/** One line of a flag's facts (aggregate only: bank names, dates, counts). `t` reads market.* */
export function flagSummary(t: T, kind: MarketFlagKindName, facts: FlagFacts, en: boolean): string {
  if (kind === "FIRST_LOAN_MOVED") {
    return t("summary.FIRST_LOAN_MOVED", {
      recorded: bankName(facts.recordedBank, en), recordedOn: text(facts.recordedFirstLoanOn),
      earliest: bankName(facts.earliestBank, en), earliestOn: text(facts.earliestDisbursedOn),
    });
  }
  if (kind === "CROWDING") {
    const banks = Array.isArray(facts.banks) ? (facts.banks as unknown[]).map((b) => bankName(b, en)).join(en ? ", " : "、") : "";
    return t("summary.CROWDING", { from: text(facts.windowFrom), to: text(facts.windowTo), count: text(facts.bankCount), banks });
  }
  return t("summary.NO_CREDIT_CHECK", { bank: bankName(facts.bank, en), disbursedOn: text(facts.disbursedOn) });
}
