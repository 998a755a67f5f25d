// The pool's filter: parsed from a URL's search params (bad values fall back, never throw) and
// turned into one SQL condition over bank_clients bc (its copy of the enterprise's name, USCC
// and county included), scope included. The pool
// page, the bounded and exact counts, and the bulk assignment commands all use the same
// condition, so "what I see" and "what select-all moves" cannot drift apart.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ListType, Stage } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { clientReadScopeSql } from "@/lib/auth/scope";
import { STAGES } from "@/lib/domain/stage";
import { normalizeUscc } from "@/lib/domain/uscc";
import { todayInShanghai, type IsoDate } from "@/lib/domain/dates";
import { AGEING_KINDS, ageingSql, type AgeingKind } from "@/lib/queries/ageing-sql";

export const LIST_TYPES = ["BANKS_VISIT_ENTERPRISES", "SME_PARK", "SUPPLY_CHAIN", "SETTLEMENT_ACCOUNT", "INDUSTRY_AUTHORITY"] as const satisfies readonly ListType[];
export const FOLLOW_UPS = ["due", "overdue"] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];
/** The pool's sortable columns (each served by an index in head office's walk). */
export const POOL_SORTS = ["name", "lastContact", "nextFollowUp"] as const;
export type PoolSort = (typeof POOL_SORTS)[number];
/**
 * Each sort's key on `bc`, written exactly as its index's expression (bank_clients_pool_idx,
 * bank_clients_last_contact_idx, bank_clients_follow_up_idx: migration 20261130170000). A
 * missing date sorts beyond every other, so the key is never NULL.
 */
export const POOL_SORT_KEYS: Record<PoolSort, Prisma.Sql> = {
  name: Prisma.sql`bc.enterprise_name`,
  lastContact: Prisma.sql`coalesce(bc.last_contact_at, '-infinity'::date)`,
  nextFollowUp: Prisma.sql`coalesce(bc.next_follow_up_on, 'infinity'::date)`,
};

export type PoolFilter = {
  /** Name fragment (2+ characters) or USCC prefix (4+ characters after normalizeUscc); "" = none. */
  q: string;
  stage?: Stage;
  /** 6-digit county code. */
  countyCode?: string;
  /** A branch id, or "none" = waiting at head office (branch_id IS NULL). */
  branch?: string | "none";
  /** A user id, or "none" = no manager yet. */
  manager?: string | "none";
  /** On this list (any batch of that type). */
  list?: ListType;
  /** On this list batch. */
  batch?: string;
  /** Next follow-up today ("due") or before today ("overdue"), Asia/Shanghai. */
  followUp?: FollowUp;
  /** One of the branch dashboard's ageing alerts (lib/queries/ageing-sql.ts). */
  ageing?: AgeingKind;
  /** Order of the pages (default: name); the cursors carry it. */
  sort?: PoolSort;
  desc?: boolean;
  /** Opaque keyset cursors (see lib/queries/list-pool.ts). */
  after?: string;
  before?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idOrNone = z.string().refine((v) => v === "none" || UUID.test(v)).optional().catch(undefined);

export const poolFilterSchema: z.ZodType<PoolFilter> = z.object({
  // One character matches a large share of any pool: it counts as no search.
  q: z.string().trim().max(100).transform((v) => ([...v].length >= 2 ? v : "")).catch(""),
  stage: z.enum(STAGES as [Stage, ...Stage[]]).optional().catch(undefined),
  countyCode: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  branch: idOrNone,
  manager: idOrNone,
  list: z.enum(LIST_TYPES).optional().catch(undefined),
  batch: z.string().regex(UUID).optional().catch(undefined),
  followUp: z.enum(FOLLOW_UPS).optional().catch(undefined),
  ageing: z.enum(AGEING_KINDS).optional().catch(undefined),
  sort: z.enum(POOL_SORTS).optional().catch(undefined),
  desc: z.union([z.literal("1"), z.literal(true)]).transform(() => true).optional().catch(undefined),
  after: z.string().max(4000).optional().catch(undefined),
  before: z.string().max(4000).optional().catch(undefined),
});

/** The USCC prefix a query stands for, or null (4 to 18 characters of the USCC alphabet). */
export function usccPrefix(q: string): string | null {
  const normalized = normalizeUscc(q);
  return /^[0-9A-Z]{4,18}$/.test(normalized) ? normalized : null;
}

/** LIKE pattern matching `text` anywhere (\ is LIKE's default escape character). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The name-or-USCC condition, on the client's copy of its enterprise's name and USCC
 * (bank_clients.enterprise_name / enterprise_uscc, kept by triggers): tested on the entries of
 * bank_clients_pool_idx while a page walks it, or on the scope's rows. LIKE runs on the bare
 * column when the fragment has no ASCII letter (Chinese has no case): the planner then
 * estimates it from the column's statistics, where lower(name) would get a blind default.
 */
function searchSql(q: string): Prisma.Sql {
  const lowered = q.toLowerCase();
  const pattern = containsPattern(lowered);
  const name = /[a-z]/i.test(q) ? Prisma.sql`lower(bc.enterprise_name) LIKE ${pattern}` : Prisma.sql`bc.enterprise_name LIKE ${pattern}`;
  const prefix = usccPrefix(q);
  return prefix ? Prisma.sql`(${name} OR bc.enterprise_uscc LIKE ${`${prefix}%`})` : name;
}

/** True when the query may be a USCC prefix (a registry column other than the name). */
export function hasUsccSearch(filter: PoolFilter): boolean {
  return !!filter.q && usccPrefix(filter.q) !== null;
}

/**
 * Every client of the actor matching the filter (alias bc = bank_clients; only its columns, so
 * it also applies beside a join to enterprises e), scope included, without cursor, order or
 * limit: `UPDATE bank_clients bc SET … WHERE <this>`.
 */
export function poolWhereSql(actor: Actor | null, filter: PoolFilter, today: IsoDate = todayInShanghai()): Prisma.Sql {
  const parts: Prisma.Sql[] = [clientReadScopeSql(actor)];
  if (filter.stage) parts.push(Prisma.sql`bc.stage = ${filter.stage}::"Stage"`);
  if (filter.countyCode) parts.push(Prisma.sql`bc.enterprise_county = ${filter.countyCode}`);
  if (filter.branch === "none") parts.push(Prisma.sql`bc.branch_id IS NULL`);
  else if (filter.branch) parts.push(Prisma.sql`bc.branch_id = ${filter.branch}::uuid`);
  if (filter.manager === "none") parts.push(Prisma.sql`bc.manager_id IS NULL`);
  else if (filter.manager) parts.push(Prisma.sql`bc.manager_id = ${filter.manager}::uuid`);
  if (filter.q) parts.push(searchSql(filter.q));
  // List membership is the enterprise's (the province's lists): its primary key
  // (enterprise_id, batch_id) finds a client's memberships.
  if (filter.list) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM list_memberships lm WHERE lm.enterprise_id = bc.enterprise_id AND lm.list_type = ${filter.list}::"ListType")`);
  if (filter.batch) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM list_memberships lm WHERE lm.enterprise_id = bc.enterprise_id AND lm.batch_id = ${filter.batch}::uuid)`);
  // Written on the follow-up sort's key (no follow-up = infinity, never due) so that
  // bank_clients_follow_up_idx (bank_id, key, enterprise_id) serves the range.
  if (filter.followUp === "due") parts.push(Prisma.sql`${POOL_SORT_KEYS.nextFollowUp} = ${today}::date`);
  else if (filter.followUp === "overdue") parts.push(Prisma.sql`${POOL_SORT_KEYS.nextFollowUp} < ${today}::date`);
  if (filter.ageing) parts.push(ageingSql(filter.ageing, today));
  return Prisma.join(parts, " AND ");
}

/** The filter's fields as URL parameters (no cursors): links, exports and "all matching". */
export function poolFilterParams(filter: PoolFilter, options: { withSort?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["q", "stage", "countyCode", "branch", "manager", "list", "batch", "followUp", "ageing"] as const) {
    const value = filter[key];
    if (value) out[key] = value;
  }
  if (options.withSort && filter.sort && filter.sort !== "name") out.sort = filter.sort;
  if (options.withSort && filter.desc) out.desc = "1";
  return out;
}
