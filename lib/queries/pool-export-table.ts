import "server-only";
// GET /api/v1/exports/pool: the pool page's filter (and sort) and the ticked client ids (`id`,
// repeated) → the table the file holds, for this reader only (null: they have no pool).
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { todayInShanghai } from "@/lib/domain/dates";
import type { DataTable } from "@/lib/export/table";
import type { Locale } from "@/lib/i18n/locale";
import { poolTable } from "@/lib/export/pool-table";
import { poolFilterSchema } from "@/lib/queries/pool-filter";
import { getPoolFilterChoices } from "@/lib/queries/pool-filter-choices";
import { POOL_EXPORT_MAX_ROWS, poolForExport } from "@/lib/queries/pool-export";

const idsSchema = z.array(z.uuid()).max(POOL_EXPORT_MAX_ROWS);

/** Null when the reader has no pool; undefined when the ticked ids are not ids (a 400). */
export async function buildPoolExport(actor: Actor | null, params: URLSearchParams, locale?: Locale): Promise<DataTable | null | undefined> {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (key !== "format" && key !== "id") raw[key] = value;
  // The table and the phone cards each carry a checkbox per client: the same id may come twice.
  const ids = idsSchema.safeParse([...new Set(params.getAll("id"))]);
  if (!ids.success) return undefined;
  const { after: _after, before: _before, ...filter } = poolFilterSchema.parse(raw);
  const [found, choices] = await Promise.all([poolForExport(actor, filter, ids.data), getPoolFilterChoices(actor, filter)]);
  if (!found || !choices) return null;
  return poolTable({ found, filter, labels: choices.labels, ticked: ids.data.length, today: todayInShanghai(), locale });
}
