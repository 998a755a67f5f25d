import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { uuid } from "@/lib/schemas/common";
import { flagReach, reachSql } from "@/lib/market/jurisdiction";

export const MARKET_FLAG_KINDS = ["FIRST_LOAN_MOVED", "CROWDING", "NO_CREDIT_CHECK"] as const;
export type MarketFlagKindName = (typeof MARKET_FLAG_KINDS)[number];
export const FLAG_PAGE_SIZE = 100;

export const flagFilterSchema = z.object({
  kind: z.enum(MARKET_FLAG_KINDS).optional().catch(undefined),
  status: z.enum(["open", "reviewed", "all"]).default("open").catch("open"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type FlagFilter = z.output<typeof flagFilterSchema>;

export type FlagFacts = Record<string, unknown>;

export type FlagListRow = {
  id: string;
  kind: MarketFlagKindName;
  enterpriseId: string;
  enterpriseName: string;
  cityCode: string;
  countyCode: string;
  facts: FlagFacts;
  detectedAt: string;
  reviewedAt: string | null;
};

export type FlagList = {
  rows: FlagListRow[];
  /** Open (unreviewed) flags per kind within the caller's reach. */
  openByKind: Record<MarketFlagKindName, number>;
  total: number;
  page: number;
  pageSize: number;
};

type Raw = { id: string; kind: MarketFlagKindName; enterprise_id: string; name: string; city_code: string; county_code: string; facts: FlagFacts; detected_at: Date; reviewed_at: Date | null };

/** Flags within the regulator's jurisdiction, newest first (null: not a regulator). */
export async function listMarketFlags(actor: Actor | null, raw: unknown): Promise<FlagList | null> {
  const reach = flagReach(actor);
  if (!reach) return null;
  const filter = flagFilterSchema.parse(raw ?? {});
  const where: Prisma.Sql[] = [reachSql(reach)];
  if (filter.kind) where.push(Prisma.sql`f.kind = ${filter.kind}::"MarketFlagKind"`);
  if (filter.status === "open") where.push(Prisma.sql`f.reviewed_at IS NULL`);
  if (filter.status === "reviewed") where.push(Prisma.sql`f.reviewed_at IS NOT NULL`);
  const cond = Prisma.join(where, " AND ");
  const [rows, totals, open] = await Promise.all([
    db.$queryRaw<Raw[]>`
      SELECT f.id, f.kind, f.enterprise_id, e.name, e.city_code, e.county_code, f.facts, f.detected_at, f.reviewed_at
        FROM market_flags f JOIN enterprises e ON e.id = f.enterprise_id
       WHERE ${cond}
       ORDER BY f.detected_at DESC, f.id
       LIMIT ${FLAG_PAGE_SIZE} OFFSET ${(filter.page - 1) * FLAG_PAGE_SIZE}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM market_flags f JOIN enterprises e ON e.id = f.enterprise_id WHERE ${cond}`,
    db.$queryRaw<{ kind: MarketFlagKindName; n: number }[]>`
      SELECT f.kind, count(*)::int AS n FROM market_flags f JOIN enterprises e ON e.id = f.enterprise_id
       WHERE ${reachSql(reach)} AND f.reviewed_at IS NULL GROUP BY f.kind`,
  ]);
  const openByKind = Object.fromEntries(MARKET_FLAG_KINDS.map((k) => [k, 0])) as Record<MarketFlagKindName, number>;
  for (const r of open) openByKind[r.kind] = Number(r.n);
  return {
    rows: rows.map((r) => ({
      id: r.id, kind: r.kind, enterpriseId: r.enterprise_id, enterpriseName: r.name, cityCode: r.city_code, countyCode: r.county_code,
      facts: r.facts, detectedAt: r.detected_at.toISOString(), reviewedAt: r.reviewed_at?.toISOString() ?? null,
    })),
    openByKind,
    total: Number(totals[0]?.n ?? 0),
    page: filter.page,
    pageSize: FLAG_PAGE_SIZE,
  };
}

export type BankFacts = {
  bankName: string;
  bankNameEn: string;
  pooledOn: string | null;
  visits: number;
  firstVisitOn: string | null;
  lastVisitOn: string | null;
  approvedLines: number;
  disbursements: number;
  firstDisbursedOn: string | null;
};

export type FlagDetail = FlagListRow & {
  reviewNote: string | null;
  reviewedByName: string | null;
  enterprise: {
    name: string;
    uscc: string;
    cityCode: string;
    countyCode: string;
    firstListedOn: string | null;
    firstLoanOn: string | null;
    firstLoanBankName: string | null;
    creditCheckOn: string | null;
  };
  /** Per bank: counts and dates only (no notes, no people). */
  banks: BankFacts[];
  /** The enterprise's other flags. */
  others: { id: string; kind: MarketFlagKindName; detectedAt: string; reviewedAt: string | null }[];
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * One flag and the enterprise's aggregate facts (null: not a regulator, outside the
 * jurisdiction, or no such flag — all alike).
 */
export async function getMarketFlag(actor: Actor | null, id: string): Promise<FlagDetail | null> {
  const reach = flagReach(actor);
  if (!reach || !uuid.safeParse(id).success) return null;
  const [row] = await db.$queryRaw<(Raw & { review_note: string | null; reviewer: string | null })[]>`
    SELECT f.id, f.kind, f.enterprise_id, e.name, e.city_code, e.county_code, f.facts, f.detected_at, f.reviewed_at, f.review_note,
           u.name AS reviewer
      FROM market_flags f JOIN enterprises e ON e.id = f.enterprise_id
      LEFT JOIN users u ON u.id = f.reviewed_by_id
     WHERE f.id = ${id}::uuid AND ${reachSql(reach)}`;
  if (!row) return null;
  const [enterprise, banks, others] = await Promise.all([
    db.$queryRaw<{ uscc: string; first_loan_on: Date | null; bank: string | null; credit_check_on: Date | null; listed_on: Date | null }[]>`
      SELECT e.uscc, e.first_loan_on, b.name AS bank, e.credit_check_on,
             (SELECT min(m.listed_on) FROM list_memberships m WHERE m.enterprise_id = e.id) AS listed_on
        FROM enterprises e LEFT JOIN banks b ON b.id = e.first_loan_bank_id
       WHERE e.id = ${row.enterprise_id}::uuid`,
    db.$queryRaw<{ name: string; name_en: string; pooled_on: Date | null; visits: number; first_visit: Date | null; last_visit: Date | null; lines: number; disb: number; first_disb: Date | null }[]>`
      WITH ids AS (
        SELECT bank_id FROM bank_clients WHERE enterprise_id = ${row.enterprise_id}::uuid
        UNION SELECT bank_id FROM visits WHERE enterprise_id = ${row.enterprise_id}::uuid
        UNION SELECT bank_id FROM disbursements WHERE enterprise_id = ${row.enterprise_id}::uuid
      )
      SELECT b.name, b.name_en,
             (SELECT min(bc.created_at)::date FROM bank_clients bc WHERE bc.bank_id = b.id AND bc.enterprise_id = ${row.enterprise_id}::uuid) AS pooled_on,
             (SELECT count(*)::int FROM visits v WHERE v.bank_id = b.id AND v.enterprise_id = ${row.enterprise_id}::uuid) AS visits,
             (SELECT min(v.visited_on) FROM visits v WHERE v.bank_id = b.id AND v.enterprise_id = ${row.enterprise_id}::uuid) AS first_visit,
             (SELECT max(v.visited_on) FROM visits v WHERE v.bank_id = b.id AND v.enterprise_id = ${row.enterprise_id}::uuid) AS last_visit,
             (SELECT count(*)::int FROM credit_lines cl WHERE cl.bank_id = b.id AND cl.enterprise_id = ${row.enterprise_id}::uuid AND cl.status = 'APPROVED') AS lines,
             (SELECT count(*)::int FROM disbursements d WHERE d.bank_id = b.id AND d.enterprise_id = ${row.enterprise_id}::uuid) AS disb,
             (SELECT min(d.disbursed_on) FROM disbursements d WHERE d.bank_id = b.id AND d.enterprise_id = ${row.enterprise_id}::uuid) AS first_disb
        FROM ids JOIN banks b ON b.id = ids.bank_id
       ORDER BY b.code`,
    db.marketFlag.findMany({
      where: { enterpriseId: row.enterprise_id, id: { not: row.id } },
      select: { id: true, kind: true, detectedAt: true, reviewedAt: true },
      orderBy: { detectedAt: "desc" },
    }),
  ]);
  const e = enterprise[0]!;
  return {
    id: row.id, kind: row.kind, enterpriseId: row.enterprise_id, enterpriseName: row.name, cityCode: row.city_code, countyCode: row.county_code,
    facts: row.facts, detectedAt: row.detected_at.toISOString(), reviewedAt: row.reviewed_at?.toISOString() ?? null,
    reviewNote: row.review_note, reviewedByName: row.reviewer,
    enterprise: {
      name: row.name, uscc: e.uscc, cityCode: row.city_code, countyCode: row.county_code,
      firstListedOn: iso(e.listed_on), firstLoanOn: iso(e.first_loan_on), firstLoanBankName: e.bank, creditCheckOn: iso(e.credit_check_on),
    },
    banks: banks.map((b) => ({
      bankName: b.name, bankNameEn: b.name_en, pooledOn: iso(b.pooled_on), visits: Number(b.visits), firstVisitOn: iso(b.first_visit),
      lastVisitOn: iso(b.last_visit), approvedLines: Number(b.lines), disbursements: Number(b.disb), firstDisbursedOn: iso(b.first_disb),
    })),
    others: others.map((o) => ({ id: o.id, kind: o.kind, detectedAt: o.detectedAt.toISOString(), reviewedAt: o.reviewedAt?.toISOString() ?? null })),
  };
}
