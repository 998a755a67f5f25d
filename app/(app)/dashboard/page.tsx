import "@/components/dashboard/dashboard-print.css";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { isValidPeriodRequest, resolvePeriod } from "@/lib/domain/period";
import { rollupParamsSchema } from "@/lib/queries/province-rollup";
import { ManagerHomeView } from "@/components/dashboard/manager-home-view";
import { BranchView } from "@/components/dashboard/branch-view";
import { BankView } from "@/components/dashboard/bank-view";
import { KeepOffline } from "@/components/keep-offline";
import { PeriodPicker } from "@/components/dashboard/period-picker";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("nav") };
}

// One address for every bank role; each sees the dashboard of its own scope (the queries
// check the actor again, so a role mismatch shows nothing rather than someone else's data).
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  const params = rollupParamsSchema.parse(await searchParams);
  if (actor.role === "REGULATOR") redirect("/regulator");
  // A period that does not exist (month 9999-12, from after to) is said so, as the API's 400
  // and the regulator's page do, with the picker to choose another; never another period's figures.
  if (!isValidPeriodRequest(params)) {
    const t = await getTranslations();
    return (
      <div className="space-y-5">
        <h1 className="text-xl font-semibold">{t("dashboard.nav")}</h1>
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800" data-testid="period-error">{t("period.invalid")}</p>
        <PeriodPicker action="/dashboard" period={resolvePeriod({})} />
      </div>
    );
  }
  switch (actor.role) {
    case "ACCOUNT_MANAGER":
      // A manager's first page of the day also refreshes the offline client list.
      return <><ManagerHomeView actor={actor} params={params} /><KeepOffline paths={["/pool/offline"]} /></>;
    case "BRANCH_HEAD":
      return <BranchView actor={actor} params={params} />;
    case "BANK_HEAD_OFFICE":
      return <BankView actor={actor} params={params} />;
  }
}
