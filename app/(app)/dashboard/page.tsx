import "@/components/dashboard/dashboard-print.css";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { isValidPeriodRequest } from "@/lib/domain/period";
import { rollupParamsSchema } from "@/lib/queries/province-rollup";
import { ManagerHomeView } from "@/components/dashboard/manager-home-view";
import { BranchView } from "@/components/dashboard/branch-view";
import { BankView } from "@/components/dashboard/bank-view";
import { KeepOffline } from "@/components/keep-offline";

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
  // A period that does not exist (month 9999-12, from after to) is a page that does not exist.
  if (!isValidPeriodRequest(params)) notFound();
  switch (actor.role) {
    case "REGULATOR":
      redirect("/regulator");
    case "ACCOUNT_MANAGER":
      // A manager's first page of the day also refreshes the offline client list.
      return <><ManagerHomeView actor={actor} params={params} /><KeepOffline paths={["/pool/offline"]} /></>;
    case "BRANCH_HEAD":
      return <BranchView actor={actor} params={params} />;
    case "BANK_HEAD_OFFICE":
      return <BankView actor={actor} params={params} />;
  }
}
