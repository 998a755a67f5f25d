import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { requestMeta } from "@/lib/auth/request-meta";
import { auditRefusal } from "@/lib/commands/audit-refusal";
import { getListBatch } from "@/lib/queries/get-list-batch";
import { getBatchErrorRows, type ErrorRow } from "@/lib/queries/batch-error-rows";
import { getBatchDiff } from "@/lib/queries/batch-diff";
import { reasonsText } from "@/lib/import/reasons";
import { batchFailureText } from "@/lib/lists/failure-text";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { ClientMessages } from "@/components/client-messages";
import { BatchProgress } from "@/components/lists/batch-progress";
import { BatchStatusBadge } from "@/components/lists/batch-status-badge";
import { BatchPublish } from "@/components/lists/batch-publish";

const PREVIEW_ROWS = 20;

export async function generateMetadata() {
  const t = await getTranslations("listImport");
  return { title: t("title") };
}

async function firstRows(rows: AsyncIterable<ErrorRow>, n: number): Promise<ErrorRow[]> {
  const out: ErrorRow[] = [];
  for await (const row of rows) {
    out.push(row);
    if (out.length >= n) break;
  }
  return out;
}

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  const batch = await getListBatch(actor, id);
  // Another's or a missing batch: the same 404 (the ask is audited).
  if (!batch) {
    await auditRefusal(actor, { entityType: "list_batch", entityId: id, path: `/lists/${id}` }, await requestMeta());
    notFound();
  }
  const locale = toLocale(await getLocale());
  const lang = locale === "en" ? "en" : "zh";
  const t = await getTranslations();
  const f = formatters(locale);
  const n = (value: number) => value.toLocaleString(locale);
  const isLive = batch.status === "QUEUED" || batch.status === "RUNNING";
  const [errors, diff] = batch.status === "DONE"
    ? await Promise.all([getBatchErrorRows(actor, id), getBatchDiff(actor, id)])
    : [null, null];
  const preview = errors ? await firstRows(errors.rows, PREVIEW_ROWS) : [];

  const counts: [string, number, string?][] = [
    ["rows", batch.rows],
    ["newEnterprises", batch.newEnterprises],
    ["knownEnterprises", batch.knownEnterprises],
    ["membershipsAdded", batch.membershipsAdded],
    ["rejectedRows", batch.rejected, "text-red-700"],
    ["warnings", batch.warnings, "text-amber-700"],
    ["registryUpdates", batch.registryUpdates],
  ];

  return (
    <div className="space-y-5">
      <Link href="/lists" className="text-sm text-brand-700 hover:underline">← {t("listImport.batch.back")}</Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{batch.name}</h1>
        <span className="text-sm text-slate-600">{t(`lists.${batch.listType}`)}</span>
        <BatchStatusBadge status={batch.status} />
      </div>

      {isLive ? (
        <ClientMessages namespaces={["listImport"]}>
          <BatchProgress batchId={batch.id} locale={locale} initial={{ status: batch.status, rows: batch.rows, accepted: batch.accepted, rejected: batch.rejected, cancelRequested: batch.cancelRequested, progress: batch.progress }} />
        </ClientMessages>
      ) : null}
      {batch.status === "FAILED" ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="batch-failure">
          {t("listImport.batch.failed", { reason: batchFailureText(batch.errorMessage, lang, (key, values) => t(`listImport.fileErrors.${key}`, values)) })}
        </p>
      ) : null}
      {batch.status === "CANCELLED" ? <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">{t("listImport.batch.cancelled")}</p> : null}

      {batch.status === "DONE" ? (
        <section aria-labelledby="counts-title" className="space-y-3">
          <h2 id="counts-title" className="font-medium">{t("listImport.batch.counts")}</h2>
          {batch.duplicateOf ? (
            <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="duplicate-of">
              {t("listImport.batch.duplicateOf", { name: batch.duplicateOf.name, date: f.dateTime(batch.duplicateOf.createdAt) })}
            </p>
          ) : batch.newEnterprises === 0 && batch.membershipsAdded === 0 ? (
            <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("listImport.batch.nothingAdded")}</p>
          ) : null}
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7" data-testid="batch-counts">
            {counts.map(([key, value, color]) => (
              <div key={key} className="rounded-lg border border-slate-200 bg-white p-3">
                <dt className="text-xs text-slate-500">{t(`listImport.batch.${key}`)}</dt>
                <dd className={`text-lg font-semibold tabular-nums ${color ?? ""}`} data-testid={`count-${key}`}>{n(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
          <div><dt className="inline text-slate-500">{t("listImport.batch.who")}：</dt><dd className="inline">{batch.createdByName ?? "—"}</dd></div>
          <div><dt className="inline text-slate-500">{t("listImport.batch.createdAt")}：</dt><dd className="inline">{f.dateTime(batch.createdAt)}</dd></div>
          <div><dt className="inline text-slate-500">{t("listImport.batch.fileName")}：</dt><dd className="inline">{batch.fileName ?? "—"}</dd></div>
          <div><dt className="inline text-slate-500">{t("listImport.batch.fileSize")}：</dt><dd className="inline">{batch.fileSize === null ? "—" : batch.fileSize < 1024 * 1024 ? `${(batch.fileSize / 1024).toFixed(1)} KB` : `${(batch.fileSize / 1024 / 1024).toFixed(1)} MB`}{batch.encoding ? ` · ${batch.encoding}` : ""}</dd></div>
          <div className="sm:col-span-2"><dt className="inline text-slate-500">{t("listImport.batch.checksum")}：</dt><dd className="inline break-all font-mono text-xs" data-testid="checksum">{batch.fileSha256 ?? "—"}</dd></div>
          <div><dt className="inline text-slate-500">{t("listImport.batch.issuedOn")}：</dt><dd className="inline">{f.date(batch.issuedOn)}</dd></div>
          <div>
            <dt className="inline text-slate-500">{t("listImport.batch.duration")}：</dt>
            <dd className="inline">{batch.durationSeconds === null ? "—" : t("listImport.batch.seconds", { value: batch.durationSeconds })}{batch.attempts > 1 ? ` (${t("listImport.batch.attempts", { count: batch.attempts })})` : ""}</dd>
          </div>
        </dl>
      </section>

      {batch.status === "DONE" ? <BatchPublish actor={actor} batch={batch} /> : null}

      {batch.status === "DONE" && errors ? (
        <section aria-labelledby="errors-title" className="space-y-2">
          <div className="flex flex-wrap items-baseline gap-3">
            <h2 id="errors-title" className="font-medium">{t("listImport.batch.errorFile")}</h2>
            {preview.length ? (
              <>
                <a className="text-sm text-brand-700 hover:underline" href={`/api/v1/lists/batches/${batch.id}/errors?format=xlsx`} download data-testid="errors-xlsx">{t("listImport.batch.errorFileXlsx")}</a>
                <a className="text-sm text-brand-700 hover:underline" href={`/api/v1/lists/batches/${batch.id}/errors?format=csv`} download data-testid="errors-csv">{t("listImport.batch.errorFileCsv")}</a>
              </>
            ) : null}
          </div>
          {preview.length ? (
            <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600 rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full text-sm" data-testid="error-rows">
                <caption className="px-3 py-2 text-left text-xs text-slate-500">{t("listImport.batch.errorPreview", { count: PREVIEW_ROWS })}</caption>
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th className="px-3 py-2">{t("listImport.batch.line")}</th>
                    <th className="px-3 py-2">{t("listImport.batch.reasons")}</th>
                    {errors.header.map((h, i) => <th key={i} className="px-3 py-2 whitespace-nowrap">{h}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {preview.map((row) => (
                    <tr key={row.lineNo} className="border-t border-slate-100 align-top">
                      <td className="px-3 py-2 tabular-nums">{row.lineNo}</td>
                      <td className={`min-w-64 px-3 py-2 ${row.isRejected ? "text-red-700" : "text-amber-700"}`}>{reasonsText(row.reasons, lang, row.detail)}</td>
                      {errors.header.map((_, i) => <td key={i} className="px-3 py-2 whitespace-nowrap">{row.raw[i] ?? ""}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : <p className="text-sm text-slate-600">{t("listImport.batch.noErrors")}</p>}
        </section>
      ) : null}

      {diff ? (
        <section aria-labelledby="diff-title" className="space-y-2" data-testid="batch-diff">
          <h2 id="diff-title" className="font-medium">{t("listImport.batch.diff")}</h2>
          {diff.previous ? (
            <>
              <p className="text-sm text-slate-600">{t("listImport.batch.diffAgainst", { name: diff.previous.name, date: f.dateTime(diff.previous.createdAt) })}</p>
              <div className="grid gap-3 sm:grid-cols-3">
                {(["added", "gone", "changed"] as const).map((kind) => (
                  <div key={kind} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                    <div className="flex items-baseline justify-between">
                      <span className="text-slate-600">{t(`listImport.batch.${kind}`)}</span>
                      <span className="text-lg font-semibold tabular-nums" data-testid={`diff-${kind}`}>{n(diff[kind])}</span>
                    </div>
                    <ul className="mt-2 space-y-1 text-xs text-slate-700">
                      {diff.samples[kind].map((s) => (
                        <li key={s.uscc}>
                          <span className="font-mono">{s.uscc}</span> {s.name}
                          {s.before && (s.before.name !== s.name || s.before.countyCode !== s.countyCode) ? (
                            <span className="text-slate-500"> （{t("listImport.batch.before")} {s.before.name}{s.before.countyCode && s.before.countyCode !== s.countyCode ? ` · ${f.region(s.before.countyCode)}` : ""}）</span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </div>
            </>
          ) : <p className="text-sm text-slate-600">{t("listImport.batch.diffNone")}</p>}
        </section>
      ) : null}
    </div>
  );
}
