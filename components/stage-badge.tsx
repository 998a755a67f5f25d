import { getTranslations } from "next-intl/server";
import type { Stage } from "@/lib/generated/prisma/enums";

const COLORS: Record<Stage, string> = {
  NO_LOAN: "bg-slate-100 text-slate-700",
  NEED_REGISTERED: "bg-amber-100 text-amber-800",
  VISITED: "bg-sky-100 text-sky-800",
  CREDIT_GRANTED: "bg-indigo-100 text-indigo-800",
  FIRST_LOAN: "bg-emerald-100 text-emerald-800",
  NEW_TO_BANK: "bg-teal-100 text-teal-800",
  PARTNER: "bg-brand-100 text-brand-700",
};

export async function StageBadge({ stage }: { stage: Stage }) {
  const t = await getTranslations("stage");
  return (
    <span data-testid="stage" className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${COLORS[stage]}`}>
      {t(stage)}
    </span>
  );
}
