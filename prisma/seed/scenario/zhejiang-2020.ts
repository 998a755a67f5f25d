// The zhejiang-2020 scenario: a province shaped like the July 2020 article, built so that the
// regulator sees EXACTLY the article's figures (targets.ts) for Zhejiang excluding Ningbo:
// listed, needs, on-site visits, credited and the credit amount over 2019-10-01..2020-06-30,
// and new 首贷户 in Jan–May 2020 against Jan–May 2019. Ningbo gets its own smaller programme.
//
// How exactness is reached: every subset is drawn by count, not by probability (needs are
// N of the listed, on-site visits V of those with a need, credit C of the visited); every
// first date lies inside the programme period; approved credit amounts are apportioned from
// the exact target in 万元 units with largest remainders (BigInt cents, no floats); new first
// loans per month are apportioned from the window's total, listed enterprises' own first loans
// are counted first and the rest of the industry fills each month up to its share.
//
// Loading: rows are generated in memory (deterministic PRNG and uuids), then COPY'd table by
// table in ONE transaction that defers the rollup triggers (SET LOCAL shoudai.rollups) and
// rebuilds the rollups with one set-based pass (rollup_rebuild()) before COMMIT. Skipped on
// purpose, for speed: stage_events and audit_logs (the bank_clients rows carry the derived
// stage and first dates directly).
import type pg from "pg";
import { CITIES, NINGBO_CODE, countiesOf, findCounty } from "@/lib/domain/regions";
import { fromCents } from "@/lib/domain/money";
import { createRandom, type Random } from "../random";
import { enterpriseRow } from "../factories";
import { copyRows, type CopyValue } from "./copy";
import { dropForLoad, restoreAfterLoad } from "./bulk";
import { buildInstitutions, type ScenarioBranch } from "./institutions";
import { PROGRAMME, scenarioTargets, type ScenarioTargets } from "./targets";

// ───────────────────────── Small helpers ─────────────────────────

const DAY_MS = 86_400_000;
const dayNum = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const ISO_CACHE = new Map<number, string>();
function iso(day: number): string {
  let s = ISO_CACHE.get(day);
  if (!s) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    ISO_CACHE.set(day, s);
  }
  return s;
}
/** A Shanghai wall-clock time on a day, as a timestamptz literal. */
const at = (day: number, hour: number) => `${iso(day)} ${String(hour).padStart(2, "0")}:${String((day * 7) % 60).padStart(2, "0")}:00+08`;

/** Deterministic uuid per (table kind, sequence number). */
export function scenarioUuid(kind: number, n: number): string {
  return `5d${kind.toString(16).padStart(6, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

/** Splits an exact integer total by weights (largest remainders): the parts sum to total. */
export function apportion(total: bigint, weights: readonly number[]): bigint[] {
  const w = weights.map((x) => BigInt(Math.max(1, Math.round(x * 1000))));
  const sum = w.reduce((a, b) => a + b, 0n);
  const parts = w.map((x) => (total * x) / sum);
  let left = total - parts.reduce((a, b) => a + b, 0n);
  const order = w.map((x, i) => ({ i, r: (total * x) % sum })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) parts[order[k % order.length]!.i]! += 1n;
  return parts;
}
const apportionInt = (total: number, weights: readonly number[]) => apportion(BigInt(total), weights).map(Number);

/** k distinct indices of 0..n-1, in random order (partial Fisher–Yates). */
function sample(random: Random, n: number, k: number): number[] {
  if (k > n) throw new Error(`cannot pick ${k} of ${n}`);
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random.next() * (n - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

function weighted<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  const total = items.reduce((s, x) => s + x.weight, 0);
  let r = random.next() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1]!;
}

/** A day in [from, to], with the February 2020 lockdown thinned out. */
function dayIn(random: Random, from: number, to: number): number {
  if (to <= from) return from;
  for (;;) {
    const d = from + Math.floor(random.next() * (to - from + 1));
    if (d >= LOCKDOWN_FROM && d <= LOCKDOWN_TO && random.chance(0.6)) continue;
    return d;
  }
}
const LOCKDOWN_FROM = dayNum("2020-01-24");
const LOCKDOWN_TO = dayNum("2020-02-29");

const P_TO = dayNum(PROGRAMME.to);

// Relative size of each city's list (Ningbo has its own programme).
const CITY_WEIGHTS: Record<string, number> = {
  "330100": 19, "330300": 15, "330400": 9, "330500": 6, "330600": 10, "330700": 14, "330800": 3.5, "330900": 2, "331000": 12, "331100": 4,
};

// New 首贷户 per month, whole industry, excluding Ningbo (2019: Jan–May sum to 28,674; 2020:
// Jan–May sum to 40,000, with the lockdown dip in February and the spring catch-up).
const MONTHS_2019 = [6900, 3100, 6200, 6150, 6324, 6400, 6100, 5900, 6300, 6600, 6700, 7400];
const MONTHS_2020 = [7200, 3300, 9100, 10000, 10400, 10900];

// ───────────────────────── Plan ─────────────────────────

type Ent = {
  id: string;
  // The registry row (name, USCC, legal representative) is built by enterpriseRow while it
  // streams into COPY, so that work overlaps PostgreSQL's; planning needs only the place.
  seq: number;
  countyCode: string;
  cityCode: string;
  firstLoanOn: number | null;
  firstLoanBankId: string | null;
  firstLoanCents: bigint | null;
  creditCheckOn: number | null;
};
type Client = {
  id: string;
  ent: number;
  branch: ScenarioBranch;
  managerId: string;
  created: number;
  need: number | null;
  visit: number | null;
  credit: number | null;
  disbursed: number | null;
  partner: number | null;
  lastContact: number | null;
  followUp: number | null;
};
type VisitRow = { id: string; client: number; day: number; mode: "ON_SITE" | "PHONE" | "ONLINE"; hasNeed: boolean; reason: string | null; notes: string; followUp: number | null };
type NeedRow = { id: string; visit: VisitRow; client: number; day: number; amountWan: number; term: number; purpose: string; guarantee: string | null };
type LineRow = {
  id: string; client: number; status: "APPROVED" | "PENDING" | "REJECTED"; limitCents: bigint; drawnCents: bigint; guarantee: string;
  insurance: boolean; govGuarantee: boolean; riskComp: boolean; revolving: boolean; validFrom: number; validTo: number; checkOn: number;
  proposedOn: number; decidedOn: number | null; reason: string | null; product: string;
};
type DisbRow = { id: string; line: LineRow; client: number; cents: bigint; day: number; type: string; firstEver: boolean };

const PRODUCTS = ["首贷通", "小微快贷", "e企快贷", "经营快贷", "浙里贷", "科创贷", "园区贷", "信用易贷"];
const GUARANTEES = ["CREDIT", "CREDIT", "CREDIT", "GUARANTEE", "GUARANTEE", "MORTGAGE", "PLEDGE"];
const PURPOSES = ["WORKING_CAPITAL", "WORKING_CAPITAL", "WORKING_CAPITAL", "EQUIPMENT", "FIXED_ASSETS", "OTHER"];
const NO_NEED = ["NO_NEED_NOW", "NO_NEED_NOW", "OWN_FUNDS_ENOUGH", "OTHER_CHANNEL", "CLOSED_UNREACHABLE", "REFUSED_VISIT"];
const NEED_NOTES = ["企业订单回暖，原材料采购资金缺口。", "复工复产，需要流动资金支付货款。", "计划购置新设备扩大产能。", "园区入驻企业，租金与备货需求。", ""];

export type ScenarioPlan = ReturnType<typeof planScenario>;

export function planScenario(scale: number) {
  const targets = scenarioTargets(scale);
  const random = createRandom(20200703);
  const inst = buildInstitutions(random, scenarioUuid);
  const ents: Ent[] = [];
  const clients: Client[] = [];
  const visits: VisitRow[] = [];
  const needs: NeedRow[] = [];
  const lines: LineRow[] = [];
  const disbs: DisbRow[] = [];
  const memberships: { ent: number; batch: number; listType: string; day: number }[] = [];
  const primaryClient: number[] = []; // enterprise index → its first (working) client

  const countyWeights = new Map<string, number>();
  for (const city of CITIES) for (const c of countiesOf(city.code)) countyWeights.set(c.code, 1 + random.int(0, 4));

  let seq = 3_000_000;
  const newEnterprise = (countyCode: string): number => {
    const cityCode = findCounty(countyCode)!.cityCode;
    ents.push({ id: scenarioUuid(5, ents.length + 1), seq: ++seq, countyCode, cityCode, firstLoanOn: null, firstLoanBankId: null, firstLoanCents: null, creditCheckOn: null });
    return ents.length - 1;
  };
  const countyIn = (cityCode: string) => weighted(random, countiesOf(cityCode).map((c) => ({ code: c.code, weight: countyWeights.get(c.code)! }))).code;

  const addClient = (ent: number, bankId: string, created: number): number => {
    const cityCode = ents[ent]!.cityCode;
    const branch = random.pick(inst.branchesIn(bankId, cityCode));
    clients.push({
      id: scenarioUuid(6, clients.length + 1), ent, branch, managerId: random.pick(branch.managers), created,
      need: null, visit: null, credit: null, disbursed: null, partner: null, lastContact: null, followUp: null,
    });
    primaryClient[ent] ??= clients.length - 1;
    return clients.length - 1;
  };
  const pickBank = (cityCode: string) => weighted(random, inst.banksIn(cityCode)).id;

  // The lists: 百行进万企 in three batches, four other lists as second memberships; Ningbo has
  // its own bureau's list.
  const batches = [
    { listType: "BANKS_VISIT_ENTERPRISES", name: "百行进万企 无贷户清单 第一批", day: dayNum("2019-10-08"), weight: 60 },
    { listType: "BANKS_VISIT_ENTERPRISES", name: "百行进万企 无贷户清单 第二批", day: dayNum("2019-12-16"), weight: 25 },
    { listType: "BANKS_VISIT_ENTERPRISES", name: "百行进万企 无贷户清单 第三批", day: dayNum("2020-03-09"), weight: 15 },
    { listType: "SETTLEMENT_ACCOUNT", name: "本行结算户无贷户清单 2019年", day: dayNum("2019-11-11"), weight: 25 },
    { listType: "SME_PARK", name: "小微企业园入园企业清单 2020年第一批", day: dayNum("2020-01-13"), weight: 30 },
    { listType: "INDUSTRY_AUTHORITY", name: "经信部门专精特新培育企业清单", day: dayNum("2020-02-24"), weight: 15 },
    { listType: "SUPPLY_CHAIN", name: "产业链供应链上下游企业清单", day: dayNum("2020-04-20"), weight: 30 },
    { listType: "BANKS_VISIT_ENTERPRISES", name: "宁波市首贷户培育清单", day: dayNum("2019-10-15"), weight: 0 },
  ];
  const bveBatches = batches.slice(0, 3).map((b, i) => ({ ...b, i }));
  const otherBatches = batches.slice(3, 7).map((b, i) => ({ ...b, i: i + 3 }));

  // ── One programme (province excluding Ningbo, or Ningbo) ──
  const runProgramme = (t: ScenarioTargets, cityCodes: string[], cityWeights: number[], isNingbo: boolean) => {
    const perCity = apportionInt(t.listed, cityWeights);
    const listed: number[] = [];
    cityCodes.forEach((cityCode, ci) => {
      for (let k = 0; k < perCity[ci]!; k++) {
        const ent = newEnterprise(countyIn(cityCode));
        const batch = isNingbo ? { i: 7, day: batches[7]!.day, listType: batches[7]!.listType } : weighted(random, bveBatches);
        memberships.push({ ent, batch: batch.i, listType: batch.listType, day: batch.day });
        let firstListed = batch.day;
        if (!isNingbo && random.chance(0.1)) {
          const other = weighted(random, otherBatches);
          memberships.push({ ent, batch: other.i, listType: other.listType, day: other.day });
          firstListed = Math.min(firstListed, other.day);
        }
        const c = addClient(ent, pickBank(cityCode), firstListed + random.int(1, 20));
        if (random.chance(0.08)) {
          const second = inst.banksIn(cityCode).filter((b) => b.id !== clients[c]!.branch.bankId);
          if (second.length) addClient(ent, weighted(random, second).id, firstListed + random.int(20, 90));
        }
        listed.push(ent);
      }
    });
    const primary = (ent: number) => primaryClient[ent]!;

    // Needs: exactly t.needs of the listed; on-site visits: t.visited of those; credit: t.credited of the visited.
    const needIdx = sample(random, listed.length, t.needs).map((i) => listed[i]!);
    const visitedSet = sample(random, needIdx.length, t.visited).map((i) => needIdx[i]!);
    const creditedList = sample(random, visitedSet.length, t.credited).map((i) => visitedSet[i]!);
    const isVisited = new Set(visitedSet);
    const isCredited = new Set(creditedList);

    const firstListedOf = new Map<number, number>();
    for (const m of memberships) if (!firstListedOf.has(m.ent) || m.day < firstListedOf.get(m.ent)!) firstListedOf.set(m.ent, m.day);

    const approvedInPeriod: LineRow[] = [];
    for (const ent of needIdx) {
      const ci = primary(ent);
      const client = clients[ci]!;
      const needDay = dayIn(random, Math.max(firstListedOf.get(ent)! + 3, client.created), P_TO - 12);
      const onSiteFirst = isVisited.has(ent) && random.chance(0.45);
      const v1 = addVisit(ci, needDay, onSiteFirst ? "ON_SITE" : random.chance(0.7) ? "PHONE" : "ONLINE", true);
      addNeed(v1, ci, needDay);
      if (isVisited.has(ent)) {
        const visitDay = onSiteFirst ? needDay : dayIn(random, needDay + 2, Math.min(needDay + 30, P_TO - 8));
        if (!onSiteFirst) addVisit(ci, visitDay, "ON_SITE", false, "现场核实经营情况，查看厂房与设备。");
        client.visit = visitDay;
        if (isCredited.has(ent)) {
          const decided = Math.min(visitDay + random.int(2, 25), P_TO);
          const line = addLine(ci, "APPROVED", decided, 0n);
          approvedInPeriod.push(line);
          client.credit = decided;
          if (random.chance(0.72)) {
            // The first loan: no earlier loan anywhere (the list is of no-loan enterprises).
            const day = decided + random.int(1, 14);
            disburse(line, ci, day, true);
            if (random.chance(0.12)) {
              // Kept as a partner: a further line from the same bank after the first loan.
              const partnerDay = day + random.int(10, 60);
              const renewal = addLine(ci, "APPROVED", partnerDay, 0n);
              renewal.product = "续贷·" + renewal.product;
              if (partnerDay <= P_TO) approvedInPeriod.push(renewal);
              else renewal.limitCents = BigInt(random.int(20, 300)) * 1_000_000n;
              client.partner = partnerDay;
            }
          }
        } else if (random.chance(0.12)) {
          addLine(ci, random.chance(0.75) ? "REJECTED" : "PENDING", Math.min(visitDay + random.int(3, 30), P_TO), BigInt(random.int(30, 500)) * 1_000_000n);
        }
      }
    }
    // Listed enterprises contacted by phone or online that had no need (never on site, so
    // they do not count as visited).
    for (const ent of listed) {
      if (!random.chance(0.06)) continue;
      const ci = primary(ent);
      if (clients[ci]!.need !== null) continue;
      addVisit(ci, dayIn(random, Math.max(firstListedOf.get(ent)! + 3, clients[ci]!.created), P_TO), random.chance(0.7) ? "PHONE" : "ONLINE", false);
    }

    // Approved credit decided in the period: exactly the target amount, in whole 万元 (the
    // sub-万 remainder, if the scaled target has one, goes to the largest line).
    const unitCents = 1_000_000n;
    const units = t.creditAmountCents / unitCents;
    const base = 10n; // every line at least 10 万元
    const weights = approvedInPeriod.map(() => Math.exp(1.6 * (random.next() + random.next() + random.next() - 1.5)));
    const shares = apportion(units - base * BigInt(approvedInPeriod.length), weights);
    approvedInPeriod.forEach((line, i) => { line.limitCents = (base + shares[i]!) * unitCents; });
    if (approvedInPeriod.length) {
      const largest = approvedInPeriod.reduce((a, b) => (b.limitCents > a.limitCents ? b : a));
      largest.limitCents += t.creditAmountCents % unitCents;
    }
    // Disbursements drawn on those lines: 40–100% of the limit, whole 万元.
    for (const d of disbs) {
      if (d.cents === 0n) {
        const pct = BigInt(random.int(40, 100));
        const cents = ((d.line.limitCents * pct) / 100n / unitCents) * unitCents || d.line.limitCents;
        d.cents = cents;
        d.line.drawnCents = cents;
        if (d.firstEver) ents[clients[d.client]!.ent]!.firstLoanCents = cents;
      }
    }

    // The rest of the industry's new 首贷户, month by month, so each month (and so each window)
    // reaches its exact share; listed enterprises' own first loans are counted first.
    const monthTotals = isNingbo
      ? [...apportionInt(t.firstLoans2019, MONTHS_2019.slice(0, 5)), ...apportionInt(Math.round(t.firstLoans2019 * 0.95), MONTHS_2019.slice(5)),
         ...apportionInt(t.firstLoans2020, MONTHS_2020.slice(0, 5)), ...apportionInt(Math.round(t.firstLoans2020 * 0.27), [1])]
      : [...apportionInt(t.firstLoans2019, MONTHS_2019.slice(0, 5)), ...apportionInt(Math.round((t.firstLoans2019 * 40800) / 28674), MONTHS_2019.slice(5)),
         ...apportionInt(t.firstLoans2020, MONTHS_2020.slice(0, 5)), ...apportionInt(Math.round((t.firstLoans2020 * 10900) / 40000), [1])];
    const months = [...Array.from({ length: 12 }, (_, i) => `2019-${String(i + 1).padStart(2, "0")}`), ...Array.from({ length: 6 }, (_, i) => `2020-${String(i + 1).padStart(2, "0")}`)];
    const listedFirstLoans = new Map<string, number>();
    for (const d of disbs) {
      const e = ents[clients[d.client]!.ent]!;
      if (d.firstEver && (e.cityCode === NINGBO_CODE) === isNingbo) listedFirstLoans.set(iso(d.day).slice(0, 7), (listedFirstLoans.get(iso(d.day).slice(0, 7)) ?? 0) + 1);
    }
    months.forEach((month, mi) => {
      const rest = monthTotals[mi]! - (listedFirstLoans.get(month) ?? 0);
      if (rest < 0) throw new Error(`scenario: month ${month} has more listed first loans than its target`);
      const first = dayNum(`${month}-01`);
      const [y, m] = month.split("-").map(Number) as [number, number];
      const last = dayNum(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`) - 1;
      for (let k = 0; k < rest; k++) {
        const cityCode = isNingbo ? NINGBO_CODE : weighted(random, cityCodes.map((c, i) => ({ c, weight: cityWeights[i]! }))).c;
        const ent = newEnterprise(countyIn(cityCode));
        const day = dayIn(random, first, last);
        const ci = addClient(ent, pickBank(cityCode), day - random.int(10, 40));
        const decided = day - random.int(1, 8);
        const line = addLine(ci, "APPROVED", decided, BigInt(random.int(10, 500)) * 1_000_000n);
        clients[ci]!.credit = decided;
        const d = disburse(line, ci, day, true);
        d.cents = ((line.limitCents * BigInt(random.int(50, 100))) / 100n / 1_000_000n) * 1_000_000n || line.limitCents;
        line.drawnCents = d.cents;
        ents[ent]!.firstLoanCents = d.cents;
      }
    });
  };

  function addVisit(ci: number, day: number, mode: VisitRow["mode"], hasNeed: boolean, notes?: string): VisitRow {
    const c = clients[ci]!;
    const visit: VisitRow = {
      id: scenarioUuid(7, visits.length + 1), client: ci, day, mode, hasNeed,
      reason: hasNeed ? null : random.pick(NO_NEED), notes: notes ?? (hasNeed ? random.pick(NEED_NOTES) : ""),
      followUp: random.chance(0.6) ? day + random.int(7, 60) : null,
    };
    visits.push(visit);
    if (c.lastContact === null || day >= c.lastContact) { c.lastContact = day; c.followUp = visit.followUp; }
    return visit;
  }
  function addNeed(visit: VisitRow, ci: number, day: number) {
    needs.push({
      id: scenarioUuid(8, needs.length + 1), visit, client: ci, day, amountWan: random.pick([20, 30, 50, 80, 100, 150, 200, 300, 500, 800, 1000]),
      term: random.pick([6, 12, 12, 12, 24, 36]), purpose: random.pick(PURPOSES), guarantee: random.chance(0.5) ? random.pick(GUARANTEES) : null,
    });
    const c = clients[ci]!;
    if (c.need === null || day < c.need) c.need = day;
  }
  function addLine(ci: number, status: LineRow["status"], decided: number, limitCents: bigint): LineRow {
    const proposedOn = decided - random.int(1, 6);
    const line: LineRow = {
      id: scenarioUuid(9, lines.length + 1), client: ci, status, limitCents, drawnCents: 0n, guarantee: random.pick(GUARANTEES),
      insurance: random.chance(0.15), govGuarantee: random.chance(0.2), riskComp: random.chance(0.3), revolving: random.chance(0.6),
      validFrom: decided, validTo: decided + 364, checkOn: proposedOn, proposedOn,
      decidedOn: status === "PENDING" ? null : decided, reason: status === "REJECTED" ? "经营流水不足，暂不符合准入条件" : null,
      product: random.pick(PRODUCTS),
    };
    lines.push(line);
    return line;
  }
  function disburse(line: LineRow, ci: number, day: number, firstEver: boolean): DisbRow {
    const d: DisbRow = { id: scenarioUuid(10, disbs.length + 1), line, client: ci, cents: 0n, day, type: "NEW", firstEver };
    disbs.push(d);
    const c = clients[ci]!;
    c.disbursed = day;
    const e = ents[c.ent]!;
    if (firstEver) {
      e.firstLoanOn = day;
      e.firstLoanBankId = c.branch.bankId;
      e.creditCheckOn = line.checkOn;
    }
    return d;
  }

  const others = CITIES.filter((c) => c.code !== NINGBO_CODE).map((c) => c.code);
  runProgramme(targets.province, others, others.map((c) => CITY_WEIGHTS[c]!), false);
  runProgramme(targets.ningbo, [NINGBO_CODE], [1], true);

  return { targets, inst, ents, clients, visits, needs, lines, disbs, memberships, batches };
}

// ───────────────────────── Load ─────────────────────────

function stageOf(c: Client): string {
  if (c.disbursed !== null) return c.partner !== null ? "PARTNER" : "FIRST_LOAN";
  if (c.credit !== null) return "CREDIT_GRANTED";
  if (c.visit !== null) return "VISITED";
  if (c.need !== null) return "NEED_REGISTERED";
  return "NO_LOAN";
}
const dateOrNull = (d: number | null) => (d === null ? null : iso(d));

export type LoadReport = {
  rows: Record<string, number>;
  tableMs: Record<string, number>;
  planMs: number;
  /** COPY of every table, including rebuilding indexes and foreign keys (restoreMs). */
  copyMs: number;
  restoreMs: number;
  rebuildMs: number;
};

// Tables the scenario fills; their foreign keys and secondary indexes are rebuilt after COPY.
const ROLLUP_TABLES = ["rollup_enterprise_facts", "rollup_client_facts", "rollup_region_daily", "rollup_bank_daily", "rollup_region_monthly", "rollup_bank_monthly"];
const LOADED_TABLES = ["enterprises", "list_memberships", "bank_clients", "visits", "financing_needs", "credit_lines", "disbursements"];

/** Plans and loads the scenario into an empty (migrated) database through `client`. */
export async function loadScenario(client: pg.ClientBase, scale: number, passwordHash: string): Promise<LoadReport> {
  const t0 = Date.now();
  const plan = planScenario(scale);
  const planMs = Date.now() - t0;
  const { inst, ents, clients, visits, needs, lines, disbs, memberships, batches } = plan;
  const now = new Date().toISOString();
  const rows: Record<string, number> = {};
  const tableMs: Record<string, number> = {};

  await client.query("BEGIN");
  try {
    // The rollup triggers skip rows for the rest of this transaction; rollup_rebuild() below
    // recomputes everything in one pass. The setting cannot outlive the transaction.
    await client.query("SET LOCAL shoudai.rollups = 'deferred'");
    await client.query("SET LOCAL synchronous_commit = off");
    await client.query("SET LOCAL work_mem = '256MB'");
    await client.query("SET LOCAL maintenance_work_mem = '512MB'");
    const t1 = Date.now();
    const copy = async <T>(table: string, columns: readonly string[], items: Iterable<T>, toRow: (row: T) => CopyValue[]) => {
      const started = Date.now();
      rows[table] = await copyRows(client, table, columns, items, toRow);
      tableMs[table] = Date.now() - started;
    };
    const saved = await dropForLoad(client, LOADED_TABLES);
    await copy("banks", ["id", "code", "name", "name_en", "created_at"], inst.banks, (b) => [b.id, b.code, b.name, b.nameEn, now]);
    await copy("branches", ["id", "bank_id", "code", "name", "name_en", "county_code", "created_at"], inst.branches,
      (b) => [b.id, b.bankId, b.code, b.name, b.nameEn, b.countyCode, now]);
    await copy("users",
      ["id", "email", "name", "password_hash", "role", "is_active", "bank_id", "branch_id", "jurisdiction", "created_at", "updated_at"], inst.users,
      (u) => [u.id, u.email, u.name, passwordHash, u.role, true, u.bankId, u.branchId, u.jurisdiction, now, now]);
    const counts = new Map<number, number>();
    for (const m of memberships) counts.set(m.batch, (counts.get(m.batch) ?? 0) + 1);
    await copy("list_batches", ["id", "list_type", "name", "issued_on", "source", "row_count", "created_at"],
      batches.map((b, i) => ({ ...b, i })),
      (b) => [scenarioUuid(4, b.i + 1), b.listType, b.name, iso(b.day), b.listType === "BANKS_VISIT_ENTERPRISES" ? "浙江银保监局" : "地方主管部门", counts.get(b.i) ?? 0, now]);
    await copy("enterprises",
      ["id", "uscc", "name", "kind", "county_code", "city_code", "industry", "legal_rep_name", "legal_rep_phone",
       "first_loan_on", "first_loan_bank_id", "first_loan_amount", "credit_check_on", "credit_check_has_prior_loan", "created_at"], ents,
      (e) => {
        const row = enterpriseRow({ seq: e.seq, countyCode: e.countyCode });
        return [e.id, row.uscc, row.name, row.kind, row.countyCode, row.cityCode, row.industry, row.legalRepName, row.legalRepPhone,
        dateOrNull(e.firstLoanOn), e.firstLoanBankId, e.firstLoanCents === null ? null : fromCents(e.firstLoanCents),
          dateOrNull(e.creditCheckOn), e.creditCheckOn === null ? null : false, now];
      });
    await copy("list_memberships", ["enterprise_id", "batch_id", "list_type", "listed_on"], memberships,
      (m) => [ents[m.ent]!.id, scenarioUuid(4, m.batch + 1), m.listType, iso(m.day)]);
    await copy("bank_clients",
      ["id", "bank_id", "enterprise_id", "branch_id", "manager_id", "stage", "stage_changed_at", "assigned_at", "first_need_at", "first_visit_at",
       "first_credit_at", "first_disbursed_at", "partner_at", "last_contact_at", "next_follow_up_on", "created_at", "updated_at"], clients,
      (c) => {
        const last = Math.max(c.created, c.need ?? 0, c.visit ?? 0, c.credit ?? 0, c.disbursed ?? 0, c.partner ?? 0);
        return [c.id, c.branch.bankId, ents[c.ent]!.id, c.branch.id, c.managerId, stageOf(c), at(last, 16), at(c.created, 10),
          dateOrNull(c.need), dateOrNull(c.visit), dateOrNull(c.credit), dateOrNull(c.disbursed), dateOrNull(c.partner),
          dateOrNull(c.lastContact), dateOrNull(c.followUp), at(c.created, 10), at(last, 16)];
      });
    await copy("visits",
      ["id", "client_id", "bank_id", "branch_id", "enterprise_id", "user_id", "visited_on", "mode", "has_need", "no_need_reason", "notes", "follow_up_on", "created_at"], visits,
      (v) => {
        const c = clients[v.client]!;
        return [v.id, c.id, c.branch.bankId, c.branch.id, ents[c.ent]!.id, c.managerId, iso(v.day), v.mode, v.hasNeed, v.reason, v.notes, dateOrNull(v.followUp), at(v.day, 18)];
      });
    await copy("financing_needs",
      ["id", "visit_id", "client_id", "bank_id", "enterprise_id", "amount", "term_months", "purpose", "preferred_guarantee", "raised_on", "created_at"], needs,
      (n) => {
        const c = clients[n.client]!;
        return [n.id, n.visit.id, c.id, c.branch.bankId, ents[c.ent]!.id, `${n.amountWan}0000.00`, n.term, n.purpose, n.guarantee, iso(n.day), at(n.day, 18)];
      });
    await copy("credit_lines",
      ["id", "client_id", "bank_id", "branch_id", "enterprise_id", "status", "product_name", "limit_amount", "drawn_amount", "guarantee_mode",
       "has_guarantee_insurance", "has_gov_guarantee", "has_risk_compensation", "is_revolving", "valid_from", "valid_to", "credit_check_on",
       "credit_check_has_prior_loan", "proposed_by_id", "proposed_at", "decided_by_id", "decided_at", "decided_on", "decision_reason"], lines,
      (l) => {
        const c = clients[l.client]!;
        return [l.id, c.id, c.branch.bankId, c.branch.id, ents[c.ent]!.id, l.status, l.product, fromCents(l.limitCents), fromCents(l.drawnCents), l.guarantee,
          l.insurance, l.govGuarantee, l.riskComp, l.revolving, iso(l.validFrom), iso(l.validTo), iso(l.checkOn), false,
          c.managerId, at(l.proposedOn, 11), l.decidedOn === null ? null : c.branch.headId, l.decidedOn === null ? null : at(l.decidedOn, 15),
          dateOrNull(l.decidedOn), l.reason];
      });
    await copy("disbursements",
      ["id", "credit_line_id", "bank_id", "enterprise_id", "amount", "disbursed_on", "type", "is_first_ever", "recorded_by_id", "idempotency_key", "payload_hash", "created_at"], disbs,
      (d) => {
        const c = clients[d.client]!;
        return [d.id, d.line.id, c.branch.bankId, ents[c.ent]!.id, fromCents(d.cents), iso(d.day), d.type, d.firstEver, c.managerId,
          `scenario-${d.id}`, "0".repeat(64), at(d.day, 14)];
      });
    const t3 = Date.now();
    await restoreAfterLoad(client, saved);
    const restoreMs = Date.now() - t3;
    const copyMs = Date.now() - t1;
    const t2 = Date.now();
    // Fresh statistics for the rebuild's joins (COPY leaves none), and the rollup tables'
    // secondary indexes built once after the rebuild rather than row by row during it.
    await client.query(`ANALYZE ${LOADED_TABLES.map((t) => `"${t}"`).join(", ")}`);
    const rollupIndexes = await dropForLoad(client, ROLLUP_TABLES);
    await client.query("SELECT rollup_rebuild()");
    await restoreAfterLoad(client, rollupIndexes);
    const rebuildMs = Date.now() - t2;
    await client.query("COMMIT");
    await client.query("ANALYZE");
    return { rows, planMs, copyMs, rebuildMs, restoreMs, tableMs };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
