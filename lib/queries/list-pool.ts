import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { POOL_SORTS, POOL_SORT_KEYS, poolWhereSql, usccPrefix, type PoolFilter, type PoolSort } from "@/lib/queries/pool-filter";

// The filter lives beside the SQL it becomes; re-exported for callers that import it from here.
export { poolFilterSchema, type PoolFilter } from "@/lib/queries/pool-filter";

export const PAGE_SIZE = 20;
/** The page's count is exact up to this many clients; above it the page says "1,000+". */
export const COUNT_BOUND = 1000;

export type PoolRow = {
  clientId: string;
  enterpriseId: string;
  name: string;
  uscc: string;
  cityCode: string;
  countyCode: string;
  stage: Stage;
  /** Null while the client waits at head office. */
  branchId: string | null;
  branchName: string | null;
  managerId: string | null;
  managerName: string | null;
  /** Null without a manager; false for a disabled manager (the client needs a handover). */
  isManagerActive: boolean | null;
  lastContactOn: string | null;
  nextFollowUpOn: string | null;
};

export type PoolPage = {
  rows: PoolRow[];
  count: { value: number; isExact: boolean };
  nextCursor: string | null;
  prevCursor: string | null;
};

// ───────────────────────── Keyset cursor: (sort key, enterprise id) ─────────────────────────
// Within one bank an enterprise is at most one client (unique bank_id, enterprise_id), so
// (key, enterprise id) is a total order of any pool whatever the key. Each sort has an index
// (bank_id, key, enterprise_id) for head office's walk: bank_clients_pool_idx for the name (the
// client's own copy of it), bank_clients_last_contact_idx and bank_clients_follow_up_idx for the
// dates. A missing date sorts as a date beyond every other (never contacted: before the oldest
// contact; no follow-up: after the latest), so the key is never NULL and a row comparison pages it.

type SortSpec = { key: Prisma.Sql; type: Prisma.Sql; keyOf: (row: PoolRow) => string };
const SORTS: Record<PoolSort, SortSpec> = {
  name: { key: POOL_SORT_KEYS.name, type: Prisma.raw("text"), keyOf: (r) => r.name },
  lastContact: { key: POOL_SORT_KEYS.lastContact, type: Prisma.raw("date"), keyOf: (r) => r.lastContactOn ?? "-infinity" },
  nextFollowUp: { key: POOL_SORT_KEYS.nextFollowUp, type: Prisma.raw("date"), keyOf: (r) => r.nextFollowUpOn ?? "infinity" },
};

type Cursor = { sort: PoolSort; key: string; id: string };
const DATE_KEY = /^(?:-?infinity|\d{4}-\d{2}-\d{2})$/;
const cursorSchema = z.union([
  z.tuple([z.enum(POOL_SORTS), z.string().max(1000), z.uuid()]),
  // A name cursor as the pages wrote it before the pool had other sorts.
  z.tuple([z.string().max(1000), z.uuid()]).transform(([key, id]) => ["name", key, id] as const),
]);

/** A cursor for a page starting after (or before) this key; `{ name, id }` is a name cursor. */
export function encodeCursor(cursor: Cursor | { name: string; id: string }): string {
  const c = "name" in cursor ? { sort: "name" as const, key: cursor.name, id: cursor.id } : cursor;
  return Buffer.from(JSON.stringify([c.sort, c.key, c.id])).toString("base64url");
}

/** A cursor of this sort from the URL, or null for anything that is not one (the first page then). */
export function decodeCursor(raw: string | undefined, sort: PoolSort = "name"): Cursor | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data[0] !== sort) return null;
    if (sort !== "name" && !DATE_KEY.test(parsed.data[1])) return null;
    return { sort, key: parsed.data[1], id: parsed.data[2] };
  } catch {
    return null;
  }
}

// ───────────────────────── Queries ─────────────────────────

// Every filter is on bank_clients' own columns (the copy of the enterprise's name, USCC and
// county included): a search reads the bank's or the branch's clients alone, never one
// registry row per client. The registry is joined for the page's rows only.
const FROM = Prisma.sql`bank_clients bc`;
const keys = (s: SortSpec) => Prisma.sql`${s.key} AS k, bc.enterprise_id AS id`;

/**
 * Exact number of the actor's clients matching the filter (for "select all N matching").
 */
export async function countPool(actor: Actor | null, filter: PoolFilter): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${FROM} WHERE ${poolWhereSql(actor, filter)}`;
  return row?.n ?? 0;
}

type RawRow = {
  client_id: string; enterprise_id: string; name: string; uscc: string; city_code: string; county_code: string;
  stage: Stage; branch_id: string | null; branch_name: string | null; manager_id: string | null;
  manager_name: string | null; is_manager_active: boolean | null; last_contact_on: string | null; next_follow_up_on: string | null;
};

/**
 * How a page is read. "walk": ORDER BY … LIMIT over bank_clients_pool_idx (a bank's clients
 * in name order; the filters are tested on its entries), stopping after the page.
 * "materialize" / "scope": every match of the scope is read first (bank_clients_scope_idx for
 * a branch or a manager), then counted and sorted (bounded by the scope's size).
 * "auto": readBounded's page up to COUNT_BOUND matches, then choosePlan.
 */
export type PagePlan = "auto" | "walk" | "materialize" | "scope";

/** Where a read starts and which way it goes; `isDescending` is the sort's own direction. */
type Direction = { cursor: Cursor | null; isBackward: boolean; sort: SortSpec; isDescending: boolean };

/** True when the read goes down the key order (a descending sort, or back from a cursor). */
const goesDown = (d: Direction) => d.isDescending !== d.isBackward;

function keysetOn(alias: "bc" | "m", d: Direction): Prisma.Sql {
  if (!d.cursor) return Prisma.empty;
  const cols = alias === "bc" ? Prisma.sql`(${d.sort.key}, bc.enterprise_id)` : Prisma.sql`(m.k, m.id)`;
  const bound = Prisma.sql`(${d.cursor.key}::${d.sort.type}, ${d.cursor.id}::uuid)`;
  return goesDown(d) ? Prisma.sql`AND ${cols} < ${bound}` : Prisma.sql`AND ${cols} > ${bound}`;
}

const order = (d: Direction) => (goesDown(d) ? Prisma.raw("DESC") : Prisma.raw("ASC"));

/** The page's columns for the keys in `keys` (a relation of k, id): ≤ pageSize + 1 rows. */
function detailsSql(keys: Prisma.Sql, where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT k.k AS sort_key, k.id AS sort_id,
      bc.id::text AS client_id, e.id::text AS enterprise_id, e.name, e.uscc, e.city_code, e.county_code,
      bc.stage::text AS stage, bc.branch_id::text, br.name AS branch_name, bc.manager_id::text,
      u.name AS manager_name, u.is_active AS is_manager_active,
      to_char(bc.last_contact_at, 'YYYY-MM-DD') AS last_contact_on, to_char(bc.next_follow_up_on, 'YYYY-MM-DD') AS next_follow_up_on
    FROM ${keys} k
    JOIN bank_clients bc ON bc.enterprise_id = k.id
    JOIN enterprises e ON e.id = k.id
    LEFT JOIN branches br ON br.id = bc.branch_id
    LEFT JOIN users u ON u.id = bc.manager_id
    WHERE ${where}`;
}

/**
 * The bounded count and, when the matches are at most COUNT_BOUND, the page, in one statement:
 * the first COUNT_BOUND + 1 matches (in whatever order is cheapest to find them) are all the
 * matches then, so the page is sorted from them without a second search.
 */
async function readBounded(where: Prisma.Sql, d: Direction, limit: number): Promise<{ n: number; rows: RawRow[] }> {
  return readSet(Prisma.sql`SELECT ${keys(d.sort)} FROM ${FROM} WHERE ${where} LIMIT ${COUNT_BOUND + 1}`, where, d, limit, COUNT_BOUND);
}

/**
 * A branch's or a manager's pool (≈18,000 clients in the largest branch): every match, read
 * through the scope's index, then counted (exactly) and sorted for the page, in one
 * statement. Its cost is bounded by the scope's size whatever the filter; a walk of the bank's
 * name order would cross the other branches' clients (ten times as many in the largest bank).
 */
async function readScope(where: Prisma.Sql, d: Direction, limit: number): Promise<{ n: number; rows: RawRow[] }> {
  return readSet(Prisma.sql`SELECT ${keys(d.sort)} FROM ${FROM} WHERE ${where}`, where, d, limit, null);
}

/** Counts the matches `set` yields and pages through them (only when they are all there). */
async function readSet(set: Prisma.Sql, where: Prisma.Sql, d: Direction, limit: number, bound: number | null): Promise<{ n: number; rows: RawRow[] }> {
  const complete = bound === null ? Prisma.empty : Prisma.sql`AND (SELECT count(*) FROM m) <= ${bound}`;
  const rows = await db.$queryRaw<(RawRow & { n: number })[]>`
    WITH m AS MATERIALIZED (${set}),
    k AS (SELECT m.k, m.id FROM m WHERE true ${complete} ${keysetOn("m", d)}
          ORDER BY m.k ${order(d)}, m.id ${order(d)} LIMIT ${limit})
    SELECT c.n, p.* FROM (SELECT count(*)::int AS n FROM m) c
    LEFT JOIN (${detailsSql(Prisma.sql`k`, where)}) p ON true
    ORDER BY p.sort_key ${order(d)}, p.sort_id ${order(d)}`;
  return { n: rows[0]?.n ?? 0, rows: rows.filter((r) => r.client_id !== null) };
}

async function readPage(where: Prisma.Sql, d: Direction, limit: number, plan: "walk" | "materialize" | "scope"): Promise<RawRow[]> {
  const set = plan === "walk"
    ? Prisma.sql`(SELECT ${keys(d.sort)} FROM ${FROM} WHERE ${where} ${keysetOn("bc", d)}
        ORDER BY ${d.sort.key} ${order(d)}, bc.enterprise_id ${order(d)} LIMIT ${limit})`
    : Prisma.sql`(WITH m AS MATERIALIZED (SELECT ${keys(d.sort)} FROM ${FROM} WHERE ${where} ${keysetOn("bc", d)})
        SELECT m.k, m.id FROM m ORDER BY m.k ${order(d)}, m.id ${order(d)} LIMIT ${limit})`;
  return db.$queryRaw<RawRow[]>`${detailsSql(set, where)} ORDER BY k.k ${order(d)}, k.id ${order(d)}`;
}

function toRow(r: RawRow): PoolRow {
  return {
    clientId: r.client_id,
    enterpriseId: r.enterprise_id,
    name: r.name,
    uscc: r.uscc,
    cityCode: r.city_code,
    countyCode: r.county_code,
    stage: r.stage,
    branchId: r.branch_id,
    branchName: r.branch_name,
    managerId: r.manager_id,
    managerName: r.manager_name,
    isManagerActive: r.manager_id ? r.is_manager_active : null,
    lastContactOn: r.last_contact_on,
    nextFollowUpOn: r.next_follow_up_on,
  };
}

/**
 * Only asked above COUNT_BOUND matches (below, readBounded already has the page).
 * - A branch's or a manager's pool: read the scope and sort (listPool uses readScope for
 *   them, which also counts; this path serves head office's pool only in practice).
 * - Head office: the matches are many (over COUNT_BOUND), so the walk of the bank's name
 *   order finds a page's worth soon and stops.
 */
function choosePlan(actor: Actor | null): "walk" | "scope" {
  return actor?.role === "BANK_HEAD_OFFICE" ? "walk" : "scope";
}

/** Most candidates the name pieces may give head office's search for it to go through them. */
const GRAM_CANDIDATES = 2000;

/**
 * Head office's clients whose name holds every two-character piece of the search
 * (bank_client_name_grams, GIN on bank and piece), when there are at most GRAM_CANDIDATES of
 * them: a rare fragment is then tested on those clients alone instead of on every client of the
 * bank. Null for more (a common fragment: walking the name order reaches a page, and 1,000
 * matches, sooner), for a query that may be a USCC prefix, and below head office (their scope
 * is read whole anyway).
 */
async function gramCandidates(actor: Actor | null, filter: PoolFilter): Promise<string[] | null> {
  if (actor?.role !== "BANK_HEAD_OFFICE" || !actor.bankId || !filter.q || usccPrefix(filter.q) !== null) return null;
  const candidates = Prisma.sql`FROM bank_client_name_grams g WHERE g.bank_id = ${actor.bankId}::uuid AND g.grams @> name_grams(${filter.q})`;
  // The planner's estimate (from the pieces' statistics, no row read) tells a common fragment
  // from a rare one; fetching 2,000 candidates only to find there are more would cost more
  // than the walk it was meant to save.
  const [plan] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`EXPLAIN (FORMAT JSON) SELECT 1 ${candidates}`;
  if (!plan || plan["QUERY PLAN"][0].Plan["Plan Rows"] > GRAM_CANDIDATES) return null;
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT g.enterprise_id::text AS id ${candidates} LIMIT ${GRAM_CANDIDATES + 1}`;
  return rows.length > GRAM_CANDIDATES ? null : rows.map((r) => r.id);
}

/**
 * One page of the actor's pool (a manager's own clients, a head's branch, head office's bank),
 * ordered by the filter's sort (enterprise name by default) then enterprise id, with keyset cursors for the next and previous pages and
 * a count that is exact up to COUNT_BOUND.
 */
export async function listPool(actor: Actor | null, filter: PoolFilter, pageSize = PAGE_SIZE, options: { plan?: PagePlan; useNamePieces?: boolean } = {}): Promise<PoolPage> {
  const isAuto = !options.plan || options.plan === "auto";
  // useNamePieces: false reads as before the pieces existed (the bench compares the two).
  const candidates = isAuto && options.useNamePieces !== false ? await gramCandidates(actor, filter) : null;
  // The candidates only narrow where to look: the full condition (the fragment included) decides.
  const where = candidates ? Prisma.sql`${poolWhereSql(actor, filter)} AND bc.enterprise_id = ANY(${candidates}::uuid[])` : poolWhereSql(actor, filter);
  const sortName = filter.sort ?? "name";
  const sort = SORTS[sortName];
  const isDescending = filter.desc === true;
  const before = decodeCursor(filter.before, sortName);
  const after = before ? null : decodeCursor(filter.after, sortName);
  // Below head office the scope is small enough to count exactly (see readScope).
  const isScoped = isAuto && actor?.role !== "BANK_HEAD_OFFICE";
  const read = async (d: Direction): Promise<{ n: number; raw: RawRow[] }> => {
    if (isScoped) {
      const whole = await readScope(where, d, pageSize + 1);
      return { n: whole.n, raw: whole.rows };
    }
    const bounded = await readBounded(where, d, pageSize + 1);
    if (bounded.n === 0 || (bounded.n <= COUNT_BOUND && (!options.plan || options.plan === "auto"))) return { n: bounded.n, raw: bounded.rows };
    const plan = options.plan && options.plan !== "auto" ? options.plan : candidates ? "materialize" : choosePlan(actor);
    return { n: bounded.n, raw: await readPage(where, d, pageSize + 1, plan) };
  };
  let d: Direction = { cursor: before ?? after, isBackward: before !== null, sort, isDescending };
  let { n, raw } = await read(d);
  if (d.isBackward && raw.length <= pageSize) {
    // Back at the start: show a full first page (rows may have come or gone since the cursor).
    d = { cursor: null, isBackward: false, sort, isDescending };
    ({ n, raw } = await read(d));
  }
  const hasMore = raw.length > pageSize;
  const pageRows = (hasMore ? raw.slice(0, pageSize) : raw).map(toRow);
  const rows = d.isBackward ? pageRows.reverse() : pageRows;
  const key = (row: PoolRow | undefined) => (row ? encodeCursor({ sort: sortName, key: sort.keyOf(row), id: row.enterpriseId }) : null);
  return {
    rows,
    count: isScoped ? { value: n, isExact: true } : { value: Math.min(n, COUNT_BOUND), isExact: n <= COUNT_BOUND },
    // Going forward, there is a previous page when we came from one; going back, a next one.
    nextCursor: d.isBackward || hasMore ? key(rows.at(-1)) : null,
    prevCursor: d.isBackward || (d.cursor && after) ? key(rows[0]) : null,
  };
}
