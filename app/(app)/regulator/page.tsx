import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";

// The province rollups (by city, county, bank and period) come with the dashboards issue;
// until then the regulator lands here.
export default async function RegulatorPage() {
  const actor = await currentActor();
  if (!actor || actor.role !== "REGULATOR") redirect("/");
  const t = await getTranslations("regulator");
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("comingSoon")}</p>
    </div>
  );
}
