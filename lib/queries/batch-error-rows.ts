import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { mapHeader, type FieldKey } from "@/lib/import/fields";
import { batchScope } from "@/lib/queries/list-batches";
import { uuid } from "@/lib/schemas/common";
import { decodeReasons } from "@/lib/lists/reason-code";

export type ErrorRow = { lineNo: number; isRejected: boolean; reasons: string[]; raw: string[]; detail: Record<string, string> };

type Stored = {
  lineNo: number; isRejected: boolean; reasons: string[]; raw: string[];
  uscc: string | null; name: string | null; countyCode: string | null; industry: string | null; kind: string | null;
  legalRepName: string | null; legalRepPhone: string | null;
};

const PAGE = 2000;

/**
 * The rows of a batch that carry a reason (rejected, or accepted with a warning), in file
 * order, page by page (a 530,000-row file's error file never sits in memory), plus the file's
 * header cells. Rows whose reasons were found after the file was read (a repeated USCC, a
 * registry difference) kept only their checked fields: their cells are put back in the
 * header's columns.
 */
export async function getBatchErrorRows(actor: Actor | null, batchId: string, options: { onlyRejected?: boolean } = {}): Promise<{ header: string[]; rows: AsyncIterable<ErrorRow> } | null> {
  if (!uuid.safeParse(batchId).success) return null;
  const batch = await db.listBatch.findFirst({ where: { AND: [batchScope(actor), { id: batchId }] }, select: { id: true } });
  if (!batch) return null;
  const headerRow = await db.listBatchRow.findUnique({ where: { batchId_lineNo: { batchId, lineNo: 0 } }, select: { raw: true } });
  const header = headerRow?.raw ?? [];
  const columns = mapHeader(header).columns;
  const rebuild = (r: Stored): string[] => {
    if (r.raw.length) return r.raw;
    const cells = header.map(() => "");
    const put = (key: FieldKey, value: string | null) => {
      const at = columns[key];
      if (at !== undefined && value !== null) cells[at] = value;
    };
    put("uscc", r.uscc);
    put("name", r.name);
    put("county", r.countyCode);
    put("industry", r.industry);
    put("legalRepName", r.legalRepName);
    put("legalRepPhone", r.legalRepPhone);
    return cells;
  };
  async function* rows(): AsyncGenerator<ErrorRow> {
    let after = 0;
    for (;;) {
      const page = await db.listBatchRow.findMany({
        where: { batchId, lineNo: { gt: after }, NOT: { reasons: { isEmpty: true } }, ...(options.onlyRejected ? { isRejected: true } : {}) },
        orderBy: { lineNo: "asc" },
        take: PAGE,
        select: { lineNo: true, isRejected: true, reasons: true, raw: true, uscc: true, name: true, countyCode: true, industry: true, kind: true, legalRepName: true, legalRepPhone: true },
      });
      for (const r of page) {
        const { codes, detail } = decodeReasons(r.reasons);
        yield { lineNo: r.lineNo, isRejected: r.isRejected, reasons: codes, raw: rebuild(r), detail };
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.lineNo;
    }
  }
  return { header, rows: rows() };
}
