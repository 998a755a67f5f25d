import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { rollupScope } from "@/lib/auth/scope";
import { readDb } from "@/lib/db";
import { cachedRollupView } from "@/lib/rollups/reader";
import { todayInShanghai } from "@/lib/domain/dates";
import { resolveAssessmentPeriod, type AssessmentPeriod } from "@/lib/assessment/period";
import { EMPTY_INDICATORS, readIndicators } from "@/lib/assessment/indicators";
import { INDICATOR_KEYS, scoreUnits, type IndicatorKey, type Indicators, type Weights } from "@/lib/assessment/score";

export type SchemeDto = {
  id: string;
  name: string;
  validFrom: string;
  /** Percent, as entered ("25.00"). */
  weights: Record<IndicatorKey, string>;
  createdAt: string;
};

export type ScoreRow = {
  id: string;
  name: string;
  nameEn: string;
  /** Managers: their current branch. */
  branchName: string | null;
  indicators: Indicators;
  score: number;
  rank: number;
};

export type AssessmentView = {
  /** Whose view: the head office's (every branch and manager), a branch head's, a manager's own. */
  level: "bank" | "branch" | "manager";
  bankName: string;
  period: AssessmentPeriod;
  /** The scheme in force on the period's first day; none: no scores. */
  scheme: SchemeDto | null;
  /** Head office: every branch; branch head: their branch's row; manager: none. */
  branches: ScoreRow[];
  /** Head office: every manager; branch head: the managers of the branch; manager: their own row. */
  managers: ScoreRow[];
  /** How many are ranked (the rank is among all of the bank's branches / managers). */
  rankedBranches: number;
  rankedManagers: number;
};

type SchemeRow = {
  id: string; name: string; validFrom: Date; createdAt: Date;
  weightNewFirstLoans: { toFixed(n: number): string }; weightFirstLoanAmount: { toFixed(n: number): string };
  weightCoverage: { toFixed(n: number): string }; weightConversion: { toFixed(n: number): string };
  weightPartner: { toFixed(n: number): string }; weightTimeliness: { toFixed(n: number): string };
};

function toSchemeDto(s: SchemeRow): SchemeDto {
  return {
    id: s.id,
    name: s.name,
    validFrom: s.validFrom.toISOString().slice(0, 10),
    weights: {
      newFirstLoans: s.weightNewFirstLoans.toFixed(2),
      firstLoanAmount: s.weightFirstLoanAmount.toFixed(2),
      coverage: s.weightCoverage.toFixed(2),
      conversion: s.weightConversion.toFixed(2),
      partners: s.weightPartner.toFixed(2),
      timeliness: s.weightTimeliness.toFixed(2),
    },
    createdAt: s.createdAt.toISOString(),
  };
}

const toWeights = (s: SchemeDto): Weights =>
  Object.fromEntries(INDICATOR_KEYS.map((k) => [k, Number(s.weights[k])])) as Weights;

/** The bank's schemes, newest first: its head office only. */
export async function listAssessmentSchemes(actor: Actor | null): Promise<SchemeDto[] | null> {
  const db = readDb(actor);
  const scope = rollupScope(actor);
  if (!scope || scope.level !== "bank") return null;
  const rows = await db.assessmentScheme.findMany({ where: { bankId: scope.bankId }, orderBy: { validFrom: "desc" } });
  return rows.map(toSchemeDto);
}

/**
 * Scores and ranks of a period (month, quarter or year; null for a period that does not
 * exist or a caller who has none). Ranks are always among all of the bank's branches or
 * managers; what the caller sees of them follows rollupScope: the head office everything, a
 * branch head their branch and its managers, a manager their own row.
 */
export async function getAssessment(actor: Actor | null, raw: unknown, today = todayInShanghai()): Promise<AssessmentView | null> {
  const db = readDb(actor);
  const scope = rollupScope(actor);
  if (!scope || scope.level === "province") return null;
  const period = resolveAssessmentPeriod(raw, today);
  if (!period) return null;
  const [bank, scheme] = await Promise.all([
    db.bank.findUniqueOrThrow({ where: { id: scope.bankId }, select: { name: true } }),
    db.assessmentScheme.findFirst({
      where: { bankId: scope.bankId, validFrom: { lte: new Date(`${period.from}T00:00:00Z`) } },
      orderBy: { validFrom: "desc" },
    }),
  ]);
  const level = scope.level;
  const base = { level, bankName: bank.name, period, branches: [], managers: [], rankedBranches: 0, rankedManagers: 0 };
  if (!scheme) return { ...base, scheme: null };
  const dto = toSchemeDto(scheme);
  const weights = toWeights(dto);

  const [indicators, branches, managers] = await Promise.all([
    // Cached under the rollup version: every input (the rollups, pool moves, partner dates that
    // come with an approved line) changes it; names and peers are read fresh below.
    cachedRollupView(actor, `assessment:${scope.bankId}:${period.from}:${period.to}`, (at) => readIndicators(at, { bankId: scope.bankId, period })),
    db.branch.findMany({ where: { bankId: scope.bankId }, select: { id: true, name: true, nameEn: true, closedAt: true } }),
    db.user.findMany({
      where: { bankId: scope.bankId, role: "ACCOUNT_MANAGER" },
      select: { id: true, name: true, isActive: true, branchId: true, branch: { select: { name: true } } },
    }),
  ]);
  const branchFigures = indicators.branch;
  const managerFigures = indicators.manager;
  // Peers: open branches and active account managers, plus anyone closed or gone who still has
  // work in the period (their credit stays theirs).
  const branchUnits = branches
    .filter((b) => !b.closedAt || branchFigures.has(b.id))
    .map((b) => ({ id: b.id, name: b.name, nameEn: b.nameEn, branchName: null as string | null, branchId: b.id as string | null, indicators: branchFigures.get(b.id) ?? EMPTY_INDICATORS }));
  const managerUnits = managers
    .filter((m) => m.isActive || managerFigures.has(m.id))
    .map((m) => ({ id: m.id, name: m.name, nameEn: m.name, branchName: m.branch?.name ?? null, branchId: m.branchId, indicators: managerFigures.get(m.id) ?? EMPTY_INDICATORS }));
  const scoredBranches = scoreUnits(branchUnits, weights);
  const scoredManagers = scoreUnits(managerUnits, weights);
  const strip = ({ normalized: _n, branchId: _b, ...row }: (typeof scoredManagers)[number]): ScoreRow => row;
  const visible = {
    bank: { branches: scoredBranches, managers: scoredManagers },
    branch: scope.level === "branch"
      ? { branches: scoredBranches.filter((b) => b.id === scope.branchId), managers: scoredManagers.filter((m) => m.branchId === scope.branchId) }
      : null,
    manager: scope.level === "manager" ? { branches: [], managers: scoredManagers.filter((m) => m.id === scope.managerId) } : null,
  }[level]!;
  return {
    ...base,
    scheme: dto,
    branches: visible.branches.map(strip),
    managers: visible.managers.map(strip),
    rankedBranches: scoredBranches.length,
    rankedManagers: scoredManagers.length,
  };
}
