"use client";
import { useMemo, useState } from "react";

export type Cell = { text: string; sort: number | string; sub?: string; href?: string };
export type TableColumn = { key: string; label: string; numeric?: boolean };
export type TableRow = { key: string; cells: Record<string, Cell> };

/**
 * A table whose headers sort it (click again to reverse). Rows arrive formatted from the
 * server with a sort value beside each text, so amounts sort by value, not by "万/亿" text.
 */
export function SortableTable(props: {
  columns: TableColumn[];
  rows: TableRow[];
  footer?: TableRow;
  testId?: string;
  caption?: string;
  emptyText: string;
}) {
  const [sort, setSort] = useState<{ key: string; desc: boolean } | null>(null);
  const rows = useMemo(() => {
    if (!sort) return props.rows;
    const sorted = [...props.rows].sort((a, b) => {
      const x = a.cells[sort.key]?.sort ?? "";
      const y = b.cells[sort.key]?.sort ?? "";
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
      return sort.desc ? -c : c;
    });
    return sorted;
  }, [props.rows, sort]);

  // Lean on purpose: a province table is ~100 cells and each element costs server render time.
  const renderCell = (column: TableColumn, cell: Cell | undefined) => [
    cell?.href ? <a key="t" className="text-brand-700 hover:underline" href={cell.href}>{cell.text}</a> : (cell?.text ?? ""),
    cell?.sub ? <span key="s" className="block text-xs text-slate-500">{cell.sub}</span> : null,
  ];

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid={props.testId}>
        {props.caption ? <caption className="sr-only">{props.caption}</caption> : null}
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            {props.columns.map((column) => {
              const active = sort?.key === column.key;
              return (
                <th key={column.key} scope="col" aria-sort={active ? (sort!.desc ? "descending" : "ascending") : "none"}
                  className={`px-3 py-2 whitespace-nowrap ${column.numeric ? "text-right" : "text-left"}`}>
                  <button type="button" className="inline-flex items-center gap-1 hover:text-brand-700"
                    onClick={() => setSort(active ? { key: column.key, desc: !sort!.desc } : { key: column.key, desc: !!column.numeric })}>
                    {column.label}
                    <span aria-hidden className="text-xs">{active ? (sort!.desc ? "▼" : "▲") : "↕"}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-t border-slate-100 hover:bg-slate-50">
              {props.columns.map((column) => (
                <td key={column.key} className={`px-3 py-2 whitespace-nowrap ${column.numeric ? "text-right tabular-nums" : ""}`}>
                  {renderCell(column, row.cells[column.key])}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr><td colSpan={props.columns.length} className="px-3 py-6 text-center text-slate-500">{props.emptyText}</td></tr>
          ) : null}
        </tbody>
        {props.footer ? (
          <tfoot className="border-t-2 border-slate-200 bg-slate-50 font-medium">
            <tr>
              {props.columns.map((column) => (
                <td key={column.key} className={`px-3 py-2 whitespace-nowrap ${column.numeric ? "text-right tabular-nums" : ""}`}>
                  {renderCell(column, props.footer!.cells[column.key])}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
