import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { listHandoverNeeds, type HandoverNeed } from "@/lib/queries/assignment-handover";
import { listManagerChoices } from "@/lib/queries/assignment-managers";
import { ClientMessages } from "@/components/client-messages";
import { HandoverForm } from "@/components/assign/handover-form";

export async function generateMetadata() {
  const t = await getTranslations("assign.handover");
  return { title: t("title") };
}

/** Branch head: managers whose clients need a new manager first (disabled, moved away), then the rest. */
export default async function HandoverPage() {
  const actor = await currentActor();
  const [needs, choices] = await Promise.all([listHandoverNeeds(actor), listManagerChoices(actor)]);
  if (!needs || !choices) notFound();
  const t = await getTranslations("assign.handover");
  const urgent = needs.filter((n) => n.reason !== null);
  const others = needs.filter((n) => n.reason === null);
  const card = (n: HandoverNeed) => (
    <li key={n.managerId} className={`rounded-lg border bg-white p-4 ${n.reason ? "border-red-200" : "border-slate-200"}`} data-testid="handover-need" data-manager={n.managerId}>
      <div className="mb-2 flex flex-wrap items-baseline gap-2">
        <span className="font-medium" data-testid="handover-name">{n.name}</span>
        <span className="text-sm text-slate-600">{t("clients", { count: n.clients })}</span>
        {n.reason ? <span className="rounded bg-red-50 px-2 py-0.5 text-xs text-red-700">{t(`reasons.${n.reason}`)}</span> : null}
      </div>
      <HandoverForm from={{ id: n.managerId, name: n.name }} clients={n.clients} managers={choices.managers} />
    </li>
  );
  return (
    <ClientMessages namespaces={["assign", "errors"]}>
      <div className="space-y-6">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-xl font-semibold">{t("title")} · {choices.branchName}</h1>
          <Link href="/assign" className="text-sm text-brand-700 hover:underline">{t("back")}</Link>
        </div>
        <p className="text-sm text-slate-600">{t("hint")}</p>
        <section>
          <h2 className="mb-2 font-medium">{t("needsTitle")}</h2>
          {urgent.length ? <ul className="space-y-3">{urgent.map(card)}</ul> : <p className="text-sm text-slate-500">{t("empty")}</p>}
        </section>
        {others.length ? (
          <section>
            <h2 className="mb-2 font-medium">{t("othersTitle")}</h2>
            <ul className="space-y-3">{others.map(card)}</ul>
          </section>
        ) : null}
      </div>
    </ClientMessages>
  );
}
