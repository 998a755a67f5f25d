import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { hasUsccSearch, poolWhereSql, type PoolFilter } from "@/lib/queries/pool-filter";

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

// ───────────────────────── Keyset cursor: (enterprise name, enterprise id) ─────────────────────────
// Within one bank an enterprise is at most one client (unique bank_id, enterprise_id), so the
// pair is a total order of any pool; the enterprises (name, id) index serves it.

type Cursor = { name: string; id: string };
const cursorSchema = z.tuple([z.string().max(1000), z.uuid()]);

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id])).toString("base64url");
}

/** A cursor from the URL, or null for anything that is not one (the first page then). */
export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? { name: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

// ───────────────────────── Queries ─────────────────────────

const FROM = Prisma.sql`bank_clients bc JOIN enterprises e ON e.id = bc.enterprise_id`;

/**
 * The scope's clients, each joined to its registry row by one index lookup. OFFSET 0 keeps the
 * planner from flattening the lateral subquery: on its own it prefers a hash join over a
 * sequential scan of the whole registry (722,880 rows) to 18,151 lookups (the largest branch),
 * random_page_cost 4 pricing cached index pages as if read from a spinning disk.
 */
const SCOPE_THEN_REGISTRY = Prisma.sql`bank_clients bc CROSS JOIN LATERAL (SELECT * FROM enterprises e WHERE e.id = bc.enterprise_id OFFSET 0) e`;

/**
 * Exact number of the actor's clients matching the filter (for "select all N matching").
 * Below head office the scope is read first, as the page does (see readScope).
 */
export async function countPool(actor: Actor | null, filter: PoolFilter): Promise<number> {
  const from = actor?.role === "BANK_HEAD_OFFICE" ? FROM : SCOPE_THEN_REGISTRY;
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${from} WHERE ${poolWhereSql(actor, filter)}`;
  return row?.n ?? 0;
}

type RawRow = {
  client_id: string; enterprise_id: string; name: string; uscc: string; city_code: string; county_code: string;
  stage: Stage; branch_id: string | null; branch_name: string | null; manager_id: string | null;
  manager_name: string | null; is_manager_active: boolean | null; last_contact_on: string | null; next_follow_up_on: string | null;
};

/**
 * How a page is read. "walk": ORDER BY … LIMIT left to the planner, which walks the (name, id)
 * index and stops after the page (cheap when matches are dense and spread over the registry).
 * "materialize": the matching set is found first (GIN over name characters, USCC range,
 * county, or the scope's own index) and only then sorted (bounded by the set's size).
 * "scope": materialize, reading the actor's scope first (SCOPE_THEN_REGISTRY).
 * "auto": readBounded's page up to COUNT_BOUND matches, then choosePlan.
 */
export type PagePlan = "auto" | "walk" | "materialize" | "scope";

/** Below this many estimated matches head office's page reads the whole set (see listPool). */
const MATERIALIZE_UP_TO = 30_000;

/** The planner's estimate of the matching rows (one EXPLAIN, no execution). */
async function estimateRows(where: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ "QUERY PLAN": unknown }[]>`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${FROM} WHERE ${where}`;
  const plan = row?.["QUERY PLAN"];
  const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan: { "Plan Rows": number } }[];
  return parsed[0]?.Plan["Plan Rows"] ?? Number.POSITIVE_INFINITY;
}

type Direction = { cursor: Cursor | null; isBackward: boolean };

function keysetOn(alias: "e" | "m", { cursor, isBackward }: Direction): Prisma.Sql {
  if (!cursor) return Prisma.empty;
  const a = Prisma.raw(alias);
  return isBackward
    ? Prisma.sql`AND (${a}.name, ${a}.id) < (${cursor.name}, ${cursor.id}::uuid)`
    : Prisma.sql`AND (${a}.name, ${a}.id) > (${cursor.name}, ${cursor.id}::uuid)`;
}

const order = (d: Direction) => (d.isBackward ? Prisma.raw("DESC") : Prisma.raw("ASC"));

/** The page's columns for the keys in `keys` (a relation of name, id): ≤ pageSize + 1 rows. */
function detailsSql(keys: Prisma.Sql, where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT k.name AS sort_name, k.id AS sort_id,
      bc.id::text AS client_id, e.id::text AS enterprise_id, e.name, e.uscc, e.city_code, e.county_code,
      bc.stage::text AS stage, bc.branch_id::text, br.name AS branch_name, bc.manager_id::text,
      u.name AS manager_name, u.is_active AS is_manager_active,
      to_char(bc.last_contact_at, 'YYYY-MM-DD') AS last_contact_on, to_char(bc.next_follow_up_on, 'YYYY-MM-DD') AS next_follow_up_on
    FROM ${keys} k
    JOIN enterprises e ON e.id = k.id
    JOIN bank_clients bc ON bc.enterprise_id = e.id
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
  return readSet(Prisma.sql`SELECT e.name, e.id FROM ${FROM} WHERE ${where} LIMIT ${COUNT_BOUND + 1}`, where, d, limit, COUNT_BOUND);
}

/**
 * A branch's or a manager's pool (≈20,000 clients in the largest branch): every match, read
 * scope first, one registry lookup per client, then counted (exactly) and sorted for the page,
 * in one statement. Its cost is bounded by the scope's size whatever the filter, where the
 * planner's own choice is not: it takes 科技 for rare (it multiplies the characters' frequencies
 * as if independent: 4,867 expected, 48,105 real) and reads 48,105 registry rows for a
 * branch's 1,170 matches; and in registry name order a branch's clients bunch up in a few
 * counties' names, so a walk may cross long stretches of others (1.1 s for the largest
 * branch's last page).
 */
async function readScope(where: Prisma.Sql, d: Direction, limit: number): Promise<{ n: number; rows: RawRow[] }> {
  return readSet(Prisma.sql`SELECT e.name, e.id FROM ${SCOPE_THEN_REGISTRY} WHERE ${where}`, where, d, limit, null);
}

/** Counts the matches `set` yields and pages through them (only when they are all there). */
async function readSet(set: Prisma.Sql, where: Prisma.Sql, d: Direction, limit: number, bound: number | null): Promise<{ n: number; rows: RawRow[] }> {
  const complete = bound === null ? Prisma.empty : Prisma.sql`AND (SELECT count(*) FROM m) <= ${bound}`;
  const rows = await db.$queryRaw<(RawRow & { n: number })[]>`
    WITH m AS MATERIALIZED (${set}),
    k AS (SELECT m.name, m.id FROM m WHERE true ${complete} ${keysetOn("m", d)}
          ORDER BY m.name ${order(d)}, m.id ${order(d)} LIMIT ${limit})
    SELECT c.n, p.* FROM (SELECT count(*)::int AS n FROM m) c
    LEFT JOIN (${detailsSql(Prisma.sql`k`, where)}) p ON true
    ORDER BY p.sort_name ${order(d)}, p.sort_id ${order(d)}`;
  return { n: rows[0]?.n ?? 0, rows: rows.filter((r) => r.client_id !== null) };
}


async function readPage(where: Prisma.Sql, walkWhere: Prisma.Sql, d: Direction, limit: number, plan: "walk" | "materialize" | "scope"): Promise<RawRow[]> {
  // Only the keys while searching: a walk then reads the (name, id) index alone, and the
  // page's other columns are fetched for its rows only.
  const keys = plan === "walk"
    ? Prisma.sql`(SELECT e.name, e.id FROM ${FROM} WHERE ${walkWhere} ${keysetOn("e", d)} ORDER BY e.name ${order(d)}, e.id ${order(d)} LIMIT ${limit})`
    : Prisma.sql`(WITH m AS MATERIALIZED (SELECT e.name, e.id FROM ${plan === "scope" ? SCOPE_THEN_REGISTRY : FROM} WHERE ${where} ${keysetOn("e", d)})
        SELECT m.name, m.id FROM m ORDER BY m.name ${order(d)}, m.id ${order(d)} LIMIT ${limit})`;
  return db.$queryRaw<RawRow[]>`${detailsSql(keys, where)} ORDER BY k.name ${order(d)}, k.id ${order(d)}`;
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
 * - A county: walk the (county_code, name, id) index, one county's names in page order,
 *   probing the scope for each (a county holds ~23,000 enterprises at most in the scenario).
 * - A branch's or a manager's pool: read the scope and sort (listPool uses readScope for
 *   them, which also counts; this path serves head office's pool only in practice).
 * - Head office with a USCC prefix: a walk would fetch a registry row for every name it
 *   passes, so up to MATERIALIZE_UP_TO estimated matches the set is read and sorted.
 * - Head office otherwise: the matches are many and spread over a whole bank's pool, and the
 *   walk of the (name, id) index stops after one page.
 */
async function choosePlan(actor: Actor | null, filter: PoolFilter, where: Prisma.Sql): Promise<"walk" | "materialize" | "scope"> {
  if (filter.countyCode) return "walk";
  if (actor?.role !== "BANK_HEAD_OFFICE") return "scope";
  if (hasUsccSearch(filter) && (await estimateRows(where)) <= MATERIALIZE_UP_TO) return "materialize";
  return "walk";
}

/**
 * One page of the actor's pool (a manager's own clients, a head's branch, head office's bank),
 * ordered by enterprise name then id, with keyset cursors for the next and previous pages and
 * a count that is exact up to COUNT_BOUND.
 */
export async function listPool(actor: Actor | null, filter: PoolFilter, pageSize = PAGE_SIZE, options: { plan?: PagePlan } = {}): Promise<PoolPage> {
  const where = poolWhereSql(actor, filter);
  const before = decodeCursor(filter.before);
  const after = before ? null : decodeCursor(filter.after);
  const isAuto = !options.plan || options.plan === "auto";
  // Below head office the scope is small enough to count exactly (see readScope); a county
  // is served better still by its own index in name order (choosePlan).
  const isScoped = isAuto && actor?.role !== "BANK_HEAD_OFFICE" && !filter.countyCode;
  const read = async (d: Direction): Promise<{ n: number; raw: RawRow[] }> => {
    if (isScoped) {
      const whole = await readScope(where, d, pageSize + 1);
      return { n: whole.n, raw: whole.rows };
    }
    const bounded = await readBounded(where, d, pageSize + 1);
    if (bounded.n === 0 || (bounded.n <= COUNT_BOUND && (!options.plan || options.plan === "auto"))) return { n: bounded.n, raw: bounded.rows };
    const plan = options.plan && options.plan !== "auto" ? options.plan : await choosePlan(actor, filter, where);
    // Above the bound the matches are many: a walk must not be turned into reading them all
    // through the name-character index (the planner takes 科技 for rare, see readScope).
    const walkWhere = poolWhereSql(actor, filter, { isNameIndexed: false });
    return { n: bounded.n, raw: await readPage(where, walkWhere, d, pageSize + 1, plan) };
  };
  let d: Direction = { cursor: before ?? after, isBackward: before !== null };
  let { n, raw } = await read(d);
  if (d.isBackward && raw.length <= pageSize) {
    // Back at the start: show a full first page (rows may have come or gone since the cursor).
    d = { cursor: null, isBackward: false };
    ({ n, raw } = await read(d));
  }
  const hasMore = raw.length > pageSize;
  const pageRows = (hasMore ? raw.slice(0, pageSize) : raw).map(toRow);
  const rows = d.isBackward ? pageRows.reverse() : pageRows;
  const key = (row: PoolRow | undefined) => (row ? encodeCursor({ name: row.name, id: row.enterpriseId }) : null);
  return {
    rows,
    count: isScoped ? { value: n, isExact: true } : { value: Math.min(n, COUNT_BOUND), isExact: n <= COUNT_BOUND },
    // Going forward, there is a previous page when we came from one; going back, a next one.
    nextCursor: d.isBackward || hasMore ? key(rows.at(-1)) : null,
    prevCursor: d.isBackward || (d.cursor && after) ? key(rows[0]) : null,
  };
}
