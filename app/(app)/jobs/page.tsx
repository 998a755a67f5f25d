import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { requestDailyScanAction } from "@/lib/actions/jobs";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { listJobRuns } from "@/lib/queries/job-runs";

export async function generateMetadata() {
  const t = await getTranslations("jobs");
  return { title: t("title") };
}

/** The job history for admins: schedules, and every run (started, finished, failed, rows touched). */
export default async function JobsPage() {
  const actor = await currentActor();
  const data = await listJobRuns(actor);
  if (!data || !actor) notFound();
  const t = await getTranslations("jobs");
  const f = formatters(toLocale(await getLocale()));
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        {actor.role === "REGULATOR" ? (
          <form action={requestDailyScanAction}>
            <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">{t("runScan")}</button>
          </form>
        ) : null}
      </div>
      <section>
        <h2 className="mb-2 font-medium">{t("schedules")}</h2>
        <ul className="list-disc pl-5 text-sm text-slate-700">
          {data.schedules.map((s) => (
            <li key={s.queue}><span className="font-mono">{s.cron}</span> ({data.tz}) · {t(`names.${s.queue}`)} — {t(`what.${s.queue}`)}</li>
          ))}
        </ul>
      </section>
      <section>
        <h2 className="mb-2 font-medium">{t("history")}</h2>
        {data.runs.length === 0 ? <p className="text-sm text-slate-500">{t("empty")}</p> : (
          <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600">
            <table className="w-full text-sm" data-testid="job-runs">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th className="py-1 pr-3">{t("job")}</th><th className="pr-3">{t("key")}</th><th className="pr-3">{t("status")}</th>
                  <th className="pr-3">{t("trigger")}</th><th className="pr-3">{t("started")}</th><th className="pr-3">{t("duration")}</th>
                  <th className="pr-3 text-right">{t("rows")}</th><th>{t("error")}</th>
                </tr>
              </thead>
              <tbody>
                {data.runs.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100" data-testid="job-run" data-status={r.status}>
                    <td className="py-1 pr-3">{t(`names.${r.job}`)}</td>
                    <td className="pr-3 font-mono text-xs">{r.key}</td>
                    <td className={`pr-3 ${r.status === "FAILED" ? "text-red-700" : r.status === "RUNNING" ? "text-amber-700" : "text-emerald-700"}`}>{t(`statuses.${r.status}`)}</td>
                    <td className="pr-3">{t(`triggers.${r.trigger}`)}{r.attempt > 1 ? ` · ${t("attempt", { n: r.attempt })}` : ""}</td>
                    <td className="pr-3 whitespace-nowrap">{f.dateTime(r.startedAt)}</td>
                    <td className="pr-3">{r.durationMs === null ? "—" : t("seconds", { s: (r.durationMs / 1000).toFixed(1) })}</td>
                    <td className="pr-3 text-right tabular-nums">{r.rowsTouched ?? "—"}</td>
                    <td className="max-w-xs truncate text-xs text-red-700" title={r.error ?? undefined}>{r.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
