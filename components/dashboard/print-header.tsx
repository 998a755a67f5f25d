import { getTranslations } from "next-intl/server";

/**
 * What a printed dashboard says on top (it is hidden on screen): the report, its scope, its
 * grouping where it has one, the period beside last year's, and when it was printed.
 */
export async function PrintHeader(props: { title: string; scope: string; grouping?: string; period: string; previous: string; printedAt: string }) {
  const t = await getTranslations("print");
  return (
    <div className="hidden border-b border-black pb-2 print:block" data-testid="print-header">
      <p className="text-base font-semibold">{props.title}</p>
      <p>
        {t("scope", { scope: props.scope })}
        {props.grouping ? <> · {t("grouping", { grouping: props.grouping })}</> : null}
        {" · "}{t("period", { period: props.period })}
      </p>
      <p>{props.previous} · {t("printedAt", { time: props.printedAt })}</p>
    </div>
  );
}

/** Definitions: folded away on screen, printed in full. */
export async function Definitions({ paragraphs, testId }: { paragraphs: string[]; testId?: string }) {
  const t = await getTranslations("rollup");
  return (
    <>
      <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-700 print:hidden">
        <summary className="cursor-pointer font-medium">{t("definitionsTitle")}</summary>
        {paragraphs.map((p, i) => <p key={i} className={i === 0 ? "mt-2" : "mt-1"}>{p}</p>)}
      </details>
      <section className="hidden break-inside-avoid text-sm print:block" data-testid={testId}>
        <h2 className="font-medium">{t("definitionsTitle")}</h2>
        {paragraphs.map((p, i) => <p key={i} className="mt-1">{p}</p>)}
      </section>
    </>
  );
}
