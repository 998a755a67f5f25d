import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { requestMeta } from "@/lib/auth/request-meta";
import { auditRefusal } from "@/lib/commands/audit-refusal";
import { getPipeline } from "@/lib/queries/get-pipeline";
import { todayInShanghai } from "@/lib/domain/dates";
import { findIndustry } from "@/lib/domain/industries";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { StageBadge } from "@/components/stage-badge";
import { Timeline } from "@/components/timeline";
import { VisitForm } from "@/components/visit-form";
import { CreditLines } from "@/components/credit-lines";
import { ClientMessages } from "@/components/client-messages";
import { CreditProposalForm } from "@/components/credit-proposal-form";
import { PendingBanner } from "@/components/pending-banner";
import { defaultValidity } from "@/lib/domain/credit";
import { listManagerChoices } from "@/lib/queries/assignment-managers";
import { OtherBankBand } from "@/components/assign/other-bank-band";
import { ReassignForm } from "@/components/assign/reassign-form";
import { PhoneReveal } from "@/components/phone-reveal";

export default async function EnterprisePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  const pipeline = await getPipeline(actor, id);
  // Another bank's or branch's enterprise answers exactly like a missing id (the ask is audited).
  if (!pipeline) {
    await auditRefusal(actor, { entityType: "enterprise", entityId: id, path: `/enterprises/${id}` }, await requestMeta());
    notFound();
  }
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const f = formatters(locale);
  const { enterprise, client } = pipeline;
  const industry = findIndustry(enterprise.industry);
  const today = todayInShanghai();
  const pending = pipeline.lines.find((line) => line.status === "PENDING");
  // The branch head may give the client to another active manager of the branch.
  const reassignTo = pipeline.canReassign
    ? ((await listManagerChoices(actor))?.managers ?? []).filter((m) => m.id !== client.managerId)
    : [];

  return (
    <ClientMessages namespaces={["visit", "credit", "disbursement", "repayment", "errors", "assign"]}>
      <div className="space-y-4">
        {pending ? <PendingBanner line={pending} /> : null}
        <OtherBankBand bands={pipeline.otherBankBands} />
        <div className="grid gap-6 lg:grid-cols-2">
          <section className="space-y-4">
            <div className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex items-start justify-between gap-2">
                <h1 className="text-lg font-semibold" data-testid="enterprise-name">{enterprise.name}</h1>
                <StageBadge stage={client.stage} />
              </div>
              <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="text-slate-500">{t("enterprise.uscc")}</dt><dd className="font-mono">{enterprise.uscc}</dd>
                <dt className="text-slate-500">{t("enterprise.kind")}</dt><dd>{t(`enterprise.kinds.${enterprise.kind}`)}</dd>
                <dt className="text-slate-500">{t("enterprise.region")}</dt><dd>{f.region(enterprise.cityCode)} · {f.region(enterprise.countyCode)}</dd>
                <dt className="text-slate-500">{t("enterprise.industry")}</dt><dd>{industry ? (locale === "en" ? industry.nameEn : industry.name) : enterprise.industry}</dd>
                <dt className="text-slate-500">{t("enterprise.legalRep")}</dt><dd>
                  {enterprise.legalRepName ?? "—"}
                  {enterprise.legalRepPhoneMasked ? (
                    <>
                      {" · "}
                      <PhoneReveal enterpriseId={enterprise.id} masked={enterprise.legalRepPhoneMasked} labels={{ show: t("audit.phone.show"), failed: t("audit.phone.failed"), masked: t("audit.phone.masked") }} />
                    </>
                  ) : null}
                </dd>
                <dt className="text-slate-500">{t("enterprise.branch")}</dt><dd>{client.branchName ?? t("enterprise.headOffice")}</dd>
                <dt className="text-slate-500">{t("enterprise.manager")}</dt><dd>{client.managerName ?? "—"}</dd>
                <dt className="text-slate-500">{t("enterprise.lists")}</dt>
                <dd>{enterprise.lists.map((l) => `${t(`lists.${l.listType}`)}（${l.batchName}）`).join("、") || "—"}</dd>
                {client.nextFollowUpOn ? (<><dt className="text-slate-500">{t("enterprise.nextFollowUp")}</dt><dd>{f.date(client.nextFollowUpOn)}</dd></>) : null}
                {client.firstDisbursedOn ? (<><dt className="text-slate-500">{t("credit.firstLoanOn")}</dt><dd>{f.date(client.firstDisbursedOn)}</dd></>) : null}
                {client.daysNeedToCash !== null ? (
                  <><dt className="text-slate-500">{t("credit.timeToCash")}</dt><dd data-testid="time-to-cash">{t("credit.days", { days: client.daysNeedToCash })}</dd></>
                ) : null}
              </dl>
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="mb-3 font-medium">{t("credit.linesTitle")}</h2>
              <CreditLines lines={pipeline.lines} canWork={pipeline.canWork} today={today} enterpriseName={enterprise.name} />
              {pipeline.canWork && !pending ? (
                <details className="mt-3 rounded border border-slate-200 p-3">
                  <summary className="cursor-pointer font-medium">{t("credit.proposeTitle")}</summary>
                  <div className="mt-3">
                    <CreditProposalForm enterpriseId={enterprise.id} today={today} validTo={defaultValidity(today).validTo} />
                  </div>
                </details>
              ) : null}
            </div>
            {pipeline.canReassign ? (
              <details className="rounded-lg border border-slate-200 bg-white p-4">
                <summary className="cursor-pointer font-medium">{t("assign.reassign.title")}</summary>
                <div className="mt-3"><ReassignForm clientId={client.id} managers={reassignTo} /></div>
              </details>
            ) : null}
            {pipeline.canWork ? (
              <div className="rounded-lg border border-slate-200 bg-white p-4">
                <h2 className="mb-3 font-medium">{t("visit.title")}</h2>
                <VisitForm enterpriseId={enterprise.id} enterpriseName={enterprise.name} userId={actor?.userId ?? ""} today={today} />
              </div>
            ) : null}
          </section>
          <section>
            <h2 className="mb-3 font-medium">{t("timeline.title")}</h2>
            <Timeline items={pipeline.timeline} />
          </section>
        </div>
      </div>
    </ClientMessages>
  );
}
