import type { CoverageFigures } from "@/lib/queries/coverage";
import { formatCount, percentText } from "@/components/dashboard/figure-rows";

export type CoverageTableRow = CoverageFigures & { key: string; label: string; href?: string; sub?: string };

/** Listed → allocated → assigned → contacted, with the three ratios; a totals footer. */
export function CoverageTable(props: {
  testId: string;
  nameLabel: string;
  labels: Record<"listed" | "allocated" | "assigned" | "contacted" | "allocatedRatio" | "assignedRatio" | "contactedRatio" | "total" | "empty", string>;
  rows: CoverageTableRow[];
  totals?: CoverageFigures;
  locale: string;
}) {
  const { labels, locale } = props;
  const n = (v: number) => formatCount(v, locale);
  const cells = (f: CoverageFigures) => (
    <>
      <td className="px-3 py-2 text-right tabular-nums" data-cell="listed">{n(f.listed)}</td>
      <td className="px-3 py-2 text-right tabular-nums" data-cell="allocated">{n(f.allocated)}</td>
      <td className="px-3 py-2 text-right tabular-nums" data-cell="assigned">{n(f.assigned)}</td>
      <td className="px-3 py-2 text-right tabular-nums" data-cell="contacted">{n(f.contacted)}</td>
      <td className="px-3 py-2 text-right tabular-nums" data-cell="allocatedRatio">{percentText(f.allocatedRatio)}</td>
      <td className="px-3 py-2 text-right tabular-nums" data-cell="assignedRatio">{percentText(f.assignedRatio)}</td>
      <td className="px-3 py-2 text-right tabular-nums" data-cell="contactedRatio">{percentText(f.contactedRatio)}</td>
    </>
  );
  return (
    <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600">
      <table className="w-full border-collapse bg-white text-sm" data-testid={props.testId}>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="px-3 py-2">{props.nameLabel}</th>
            {(["listed", "allocated", "assigned", "contacted", "allocatedRatio", "assignedRatio", "contactedRatio"] as const).map((k) => (
              <th key={k} className="px-3 py-2 text-right">{labels[k]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr><td colSpan={8} className="px-3 py-4 text-center text-slate-500">{labels.empty}</td></tr>
          ) : props.rows.map((row) => (
            <tr key={row.key} className="border-b border-slate-100" data-row={row.key}>
              <td className="px-3 py-2">
                {row.href ? <a className="text-brand-700 hover:underline" href={row.href}>{row.label}</a> : row.label}
                {row.sub ? <span className="ml-1 text-xs text-slate-500">{row.sub}</span> : null}
              </td>
              {cells(row)}
            </tr>
          ))}
        </tbody>
        {props.totals ? (
          <tfoot>
            <tr className="border-t border-slate-300 font-medium" data-row="total"><td className="px-3 py-2">{labels.total}</td>{cells(props.totals)}</tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
