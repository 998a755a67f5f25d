import "server-only";
// Published notices (监测通报) as each caller may read them (lib/notices/audience.ts). The
// figures are the frozen ones (as published); restatements come beside them with their
// differences.
//   regulators of Zhejiang (with or without Ningbo): every notice, whole
//   Ningbo's bureau: every notice, but only the Ningbo-only funnel (no rankings, no flags)
//   a bank's head office: the list, and its own page of each notice — its own row, the
//     province funnel, and the ranking table with names and ranks of all banks, nothing more
//   everyone else: nothing (null)
import type { Actor } from "@/lib/auth/actor";
import { readDb } from "@/lib/db";
import type { Change, Flag, FunnelScope, NoticeFigures, RankRow } from "@/lib/domain/notice";
import { isNoticeMonth } from "@/lib/domain/notice";
import { noticeAudience } from "@/lib/notices/audience";

export type NoticeListItem = { month: string; publishedAt: string; trigger: string; restatements: number; lastRestatedAt: string | null };

export async function listNotices(actor: Actor | null): Promise<NoticeListItem[] | null> {
  const db = readDb(actor);
  if (!noticeAudience(actor)) return null;
  const rows = await db.notice.findMany({
    orderBy: { month: "desc" },
    select: { month: true, publishedAt: true, trigger: true, restatements: { orderBy: { restatedAt: "desc" }, select: { restatedAt: true } } },
  });
  return rows.map((r) => ({
    month: r.month,
    publishedAt: r.publishedAt.toISOString(),
    trigger: r.trigger,
    restatements: r.restatements.length,
    lastRestatedAt: r.restatements[0]?.restatedAt.toISOString() ?? null,
  }));
}

export type RestatementView = { restatedAt: string; against: string; changes: Change[] };

export type ProvinceNoticeView = {
  audience: "province";
  month: string;
  publishedAt: string;
  trigger: string;
  rollupVersion: string;
  figures: NoticeFigures;
  restatements: RestatementView[];
  /** The latest restated figures, when any (the published ones stay the notice). */
  restatedFigures: NoticeFigures | null;
};

export type NingboNoticeView = {
  audience: "ningbo";
  month: string;
  publishedAt: string;
  periods: NoticeFigures["periods"];
  funnel: { ningboOnly: FunnelScope };
  restatements: RestatementView[];
};

export type BankRankEntry = { code: string | null; name: string; nameEn: string; isOwn: boolean; ranks: RankRow["ranks"] };

export type BankNoticeView = {
  audience: "bank";
  month: string;
  publishedAt: string;
  periods: NoticeFigures["periods"];
  bankId: string;
  /** The bank's own row, or null when it had nothing to count that year. */
  own: RankRow | null;
  bankCount: number;
  province: FunnelScope;
  /** The province (excluding Ningbo) on the ranking's measures, to set the bank's row against. */
  provinceRow: NoticeFigures["rankings"]["province"];
  ranking: BankRankEntry[];
  ownFlags: Flag[];
  restatements: RestatementView[];
};

export type NoticeView = ProvinceNoticeView | NingboNoticeView | BankNoticeView;

type Stored = { changes?: Change[]; against?: string };

export async function getNotice(actor: Actor | null, month: string): Promise<NoticeView | null> {
  const db = readDb(actor);
  const audience = noticeAudience(actor);
  if (!audience || !actor || !isNoticeMonth(month)) return null;
  const notice = await db.notice.findUnique({
    where: { month },
    select: {
      month: true, figures: true, rollupVersion: true, trigger: true, publishedAt: true,
      restatements: { orderBy: { restatedAt: "asc" }, select: { restatedAt: true, diff: true, figures: true } },
    },
  });
  if (!notice) return null;
  const figures = notice.figures as unknown as NoticeFigures;
  const restatements = (keep: (c: Change) => boolean): RestatementView[] =>
    notice.restatements.map((r) => {
      const diff = r.diff as unknown as Stored;
      return { restatedAt: r.restatedAt.toISOString(), against: diff.against ?? "published", changes: (diff.changes ?? []).filter(keep) };
    });
  const base = { month: notice.month, publishedAt: notice.publishedAt.toISOString() };

  if (audience === "province") {
    const last = notice.restatements.at(-1);
    return {
      audience, ...base, trigger: notice.trigger, rollupVersion: notice.rollupVersion.toString(), figures,
      restatements: restatements(() => true),
      restatedFigures: last ? (last.figures as unknown as NoticeFigures) : null,
    };
  }
  if (audience === "ningbo") {
    return {
      audience, ...base, periods: figures.periods, funnel: { ningboOnly: figures.funnel.ningboOnly },
      restatements: restatements((c) => c.path.startsWith("funnel.ningboOnly")),
    };
  }
  const bankId = actor.bankId!;
  const banks = figures.rankings.banks;
  const own = banks.find((b) => b.code === bankId) ?? null;
  const province = figures.funnel.excludingNingbo;
  return {
    audience, ...base, periods: figures.periods, bankId, own, bankCount: banks.length, province,
    provinceRow: figures.rankings.province,
    // Names and ranks of every bank; figures only for the caller's own row.
    ranking: banks.map((b) => ({ code: b.code === bankId ? b.code : null, name: b.name, nameEn: b.nameEn, isOwn: b.code === bankId, ranks: b.ranks })),
    ownFlags: figures.flags.filter((f) => f.bankId === bankId),
    restatements: restatements((c) => c.path.startsWith("funnel.excludingNingbo") || c.path.startsWith(`rankings.banks[${bankId}]`)),
  };
}
