import { getTranslations } from "next-intl/server";

/**
 * CSV and Excel downloads of one table, with the filters the page shows. The server names the
 * file (scope, grouping, period, in the UI's language): `download` keeps that name.
 */
export async function ExportLinks(props: { table: string; params: Record<string, string | undefined> }) {
  const t = await getTranslations("export");
  const href = (format: string) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(props.params)) if (v) q.set(k, v);
    q.set("format", format);
    return `/api/v1/exports/${props.table}?${q}`;
  };
  return (
    <div className="flex gap-2 text-xs print:hidden">
      <a className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100" href={href("csv")} data-testid={`export-${props.table}-csv`} download>{t("csv")}</a>
      <a className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100" href={href("xlsx")} data-testid={`export-${props.table}-xlsx`} download>{t("xlsx")}</a>
    </div>
  );
}
