import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { requestMeta } from "@/lib/auth/request-meta";
import { auditRefusal } from "@/lib/commands/audit-refusal";
import { getApproval } from "@/lib/queries/get-approval";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { StageBadge } from "@/components/stage-badge";
import { DecisionForm } from "@/components/decision-form";
import { ClientMessages } from "@/components/client-messages";

export default async function ApprovalPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  const detail = await getApproval(actor, id);
  // Not a head of this proposal's branch: the same answer as an unknown id (the ask is audited).
  if (!detail) {
    await auditRefusal(actor, { entityType: "credit_line", entityId: id, path: `/approvals/${id}` }, await requestMeta());
    notFound();
  }
  const t = await getTranslations();
  const f = formatters(toLocale(await getLocale()));
  const { line, enterprise, client } = detail;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link href="/approvals" className="text-sm text-brand-700 hover:underline">← {t("approvals.back")}</Link>
      <h1 className="text-xl font-semibold">{t("approvals.detailTitle")}</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <div className="flex items-start justify-between gap-2">
          <Link href={`/enterprises/${enterprise.id}`} className="text-base font-medium text-brand-700 hover:underline" data-testid="approval-enterprise">
            {enterprise.name}
          </Link>
          <StageBadge stage={client.stage} />
        </div>
        <p className="font-mono text-xs text-slate-500">{enterprise.uscc} · {f.region(enterprise.cityCode)} · {f.region(enterprise.countyCode)}</p>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-slate-500">{t("approvals.product")}</dt><dd>{line.productName}</dd>
          <dt className="text-slate-500">{t("approvals.amount")}</dt><dd className="font-semibold">{f.yuan(line.limit)}</dd>
          <dt className="text-slate-500">{t("credit.isRevolving")}</dt><dd>{t(line.isRevolving ? "credit.revolving" : "credit.oneOff")}</dd>
          <dt className="text-slate-500">{t("credit.guaranteeMode")}</dt>
          <dd>{t(`visit.guarantees.${line.guaranteeMode}`)}{line.supports.length ? ` · ${line.supports.map((s) => t(`credit.supportKinds.${s}`)).join("、")}` : ""}</dd>
          <dt className="text-slate-500">{t("credit.validityLabel")}</dt><dd>{f.date(line.validFrom)} – {f.date(line.validTo)}</dd>
          <dt className="text-slate-500">{t("credit.creditCheckLabel")}</dt>
          <dd>{f.date(line.creditCheckOn)} · {t(line.creditCheckHasPriorLoan ? "credit.priorLoanYes" : "credit.priorLoanNo")}</dd>
          <dt className="text-slate-500">{t("approvals.manager")}</dt><dd>{client.managerName ?? "—"}</dd>
          <dt className="text-slate-500">{t("approvals.proposedBy")}</dt><dd>{line.proposedBy} · {f.dateTime(line.proposedAt)}</dd>
        </dl>
        <h2 className="mt-4 font-medium">{t("approvals.needs")}</h2>
        {detail.needs.length ? (
          <ul className="mt-1 list-disc pl-5">
            {detail.needs.map((n, i) => (
              <li key={i}>{t("approvals.need", { date: f.date(n.raisedOn), amount: f.amount(n.amount), term: n.termMonths, purpose: t(`visit.purposes.${n.purpose}`) })}</li>
            ))}
          </ul>
        ) : <p className="text-slate-500">{t("approvals.noNeeds")}</p>}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        {line.status !== "PENDING" ? (
          // Also what the head sees right after deciding: the action revalidates this page.
          <div className="space-y-3">
            <p role="status" className="text-sm" data-testid="decision-result">
              {t("approvals.decided", { status: t(`credit.status.${line.status}`) })}
              {line.decidedBy && line.decidedAt ? ` ${t("credit.decidedBy", { by: line.decidedBy, at: f.dateTime(line.decidedAt), status: t(`credit.status.${line.status}`) })}` : ""}
              {line.decisionReason ? ` ${t("credit.decisionReason", { reason: line.decisionReason })}` : ""}
            </p>
            <div className="flex flex-wrap gap-4 text-sm">
              <Link className="text-brand-700 hover:underline" href="/approvals">{t("approvals.back")}</Link>
              <Link className="text-brand-700 hover:underline" href={`/enterprises/${enterprise.id}`}>{t("approvals.toEnterprise")}</Link>
            </div>
          </div>
        ) : detail.isOwn ? (
          <p className="text-sm text-amber-800" data-testid="own-proposal">{t("approvals.ownProposal")}</p>
        ) : (
          <ClientMessages namespaces={["approvals", "errors"]}>
            <DecisionForm creditLineId={line.id} enterpriseId={enterprise.id}
              summary={{ enterpriseName: enterprise.name, productName: line.productName, amount: f.yuan(line.limit), validity: `${f.date(line.validFrom)} – ${f.date(line.validTo)}` }} />
          </ClientMessages>
        )}
      </section>
    </div>
  );
}
