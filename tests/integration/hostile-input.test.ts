// Hostile input for every action that writes: generated bad payloads (wrong types, negative,
// huge or NaN amounts, extra keys, overlong strings, malformed or other banks' ids) must come
// back as an expected error (never a 500: no stack trace, SQL or Prisma text in the answer)
// and write zero rows.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { runCommand } from "@/lib/actions/run";
import { logVisit } from "@/lib/commands/log-visit";
import { proposeCredit } from "@/lib/commands/propose-credit";
import { decideCredit } from "@/lib/commands/decide-credit";
import { recordDisbursement } from "@/lib/commands/record-disbursement";
import { recordRepayment } from "@/lib/commands/record-repayment";
import { readWanAmount } from "@/lib/domain/amount-input";
import { MAX_CREDIT_YUAN } from "@/lib/domain/credit";
import { todayInShanghai } from "@/lib/domain/dates";
import { exportResponse } from "@/lib/api/export";
import { getPipeline } from "@/lib/queries/get-pipeline";
import { getApproval } from "@/lib/queries/get-approval";
import { getPublishPreview } from "@/lib/queries/publish-preview";
import { getListBatch } from "@/lib/queries/get-list-batch";
import { getProvinceRollup } from "@/lib/queries/province-rollup";
import { getBankDashboard } from "@/lib/queries/bank-dashboard";
import { getBranchDashboard } from "@/lib/queries/branch-dashboard";
import { buildWorld, countRows, type World } from "../support/world";
import { addClient, approvedLine, disbursementInput, extraActor, newKey, pendingLine, proposalInput, repaymentInput } from "../support/money";

const RUNS = Number(process.env.HOSTILE_RUNS ?? 40);

// ── Generators of values that are never valid for a field of the given kind ──

const notAString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.object({ maxDepth: 1 }), fc.bigInt().map(String).map((s) => ({ s })));
const overlong = (min: number) => fc.string({ minLength: 1, maxLength: 5 }).map((s) => `${s.trim() || "x"}${"长".repeat(min)}`);

// Amounts are typed in 万元 (at most 10,000 万元 = 1 亿元, to the cent: six decimals).
const badMoney = fc.oneof(
  notAString,
  fc.integer({ min: 1 }).map((n) => n), // a JSON number: refused, it went through a float already
  fc.constantFrom("NaN", "Infinity", "-Infinity", "1e5", "0x10", "", "   ", "0", "0.00", "-0.000001", "1.0000001", "1,0000.00", "15,00", "1.2.3", "150万", "１２３．４５６７８９１", "10000.000001", "99999999999999999999.99"),
  fc.integer({ min: 1 }).map((n) => `-${n}`),
  fc.bigInt({ min: 10n ** 4n + 1n, max: 10n ** 30n }).map(String),
  overlong(41),
  fc.string().filter((s) => !readWanAmount(s, MAX_CREDIT_YUAN).ok),
);
const badDate = fc.oneof(notAString, fc.constantFrom("2026-02-30", "2026-13-01", "26-1-1", "", "2026-11-28T00:00:00Z", "9999-12-31", "1900-01-01"), fc.string());
const badKey = fc.oneof(notAString, fc.string({ maxLength: 7 }), fc.string({ minLength: 65, maxLength: 200 }), fc.constantFrom("'; DROP TABLE disbursements; --", "key with spaces", "ключ-ключ-ключ"));
const badEnum = (allowed: readonly string[]) => fc.oneof(notAString, fc.string().filter((s) => !allowed.includes(s)));
const badCheckbox = fc.oneof(fc.integer(), fc.double(), fc.object({ maxDepth: 1 }), fc.string().filter((s) => !["yes", "no", "on", "true", "false", ""].includes(s)));
const extraKey = fc.string({ minLength: 1, maxLength: 20 });

type Mutations = Record<string, fc.Arbitrary<unknown>>;

/** A valid payload broken in one way (or a few): a bad field value, a missing field, an extra key. */
function hostile(base: Record<string, unknown>, fields: Mutations, ids: fc.Arbitrary<Record<string, unknown>>) {
  const badField = fc.constantFrom(...Object.keys(fields)).chain((key) => fields[key]!.map((value) => ({ ...base, [key]: value })));
  const missing = fc.constantFrom(...Object.keys(fields).filter((k) => !["reason", "hasGuaranteeInsurance", "hasGovGuarantee", "hasRiskCompensation"].includes(k)))
    .map((key) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key)));
  const extra = fc.tuple(extraKey.filter((k) => !(k in base)), fc.anything()).map(([k, v]) => ({ ...base, [k]: v }));
  const several = fc.tuple(badField, extra).map(([a, b]) => ({ ...b, ...a }));
  const notAnObject = fc.oneof(fc.constant(null), fc.constant(undefined), fc.string(), fc.integer(), fc.array(fc.anything(), { maxLength: 3 }));
  return fc.oneof(badField, missing, extra, several, ids.map((patch) => ({ ...base, ...patch })), notAnObject);
}

/** The caller-visible answer: an expected error, nothing a browser should not see. */
function expectSafeFailure(result: Awaited<ReturnType<typeof runCommand>>) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(["INVALID_INPUT", "NOT_FOUND", "RULE_VIOLATION", "CONFLICT"]).toContain(result.code);
  const present = Object.entries(result).filter(([, v]) => v !== undefined).map(([k]) => k).sort();
  expect(present).toEqual(["code", ...(result.amounts ? ["amounts"] : []), ...(result.fieldErrors ? ["fieldErrors"] : []), "message", "ok"].sort());
  // Amounts a refusal names are plain yuan strings, nothing else.
  for (const value of Object.values(result.amounts ?? {})) expect(value).toMatch(/^\d+\.\d{2}$/);
  const text = JSON.stringify(result);
  expect(text).not.toMatch(/stack|\bat \S+ \(|\.ts:\d+|SELECT|INSERT|UPDATE|prisma|postgres|violates|constraint|invalid_type|Error:/i);
  expect(result.message).toMatch(/^[a-zA-Z]+$/); // a catalog key
}

let world: World;
let owner: Actor;
let otherBankLine: string;
const UUIDS = fc.oneof(fc.uuid(), fc.constantFrom("00000000-0000-0000-0000-000000000000"));

beforeAll(async () => {
  world = await buildWorld();
  owner = (await world.actor("owner"))!;
  // A line of bank B: its id must not work for bank A's people.
  const headB = await extraActor(world, "BRANCH_HEAD", "B1");
  otherBankLine = await approvedLine(world, world.otherBankEnterpriseId, {}, { proposer: await world.actor("otherBankManager"), approver: headB });
  await recordDisbursement(await world.actor("otherBankManager"), disbursementInput(otherBankLine, "100"));
});

async function check(actor: Actor | null, command: (actor: Actor | null, raw: unknown) => Promise<unknown>, payloads: fc.Arbitrary<unknown>) {
  await fc.assert(
    fc.asyncProperty(payloads, async (payload) => {
      const before = await countRows();
      const result = await runCommand(() => command(actor, payload));
      expectSafeFailure(result);
      expect(await countRows()).toEqual(before);
    }),
    { numRuns: RUNS },
  );
}

describe("hostile input → an expected error, zero rows", () => {
  it("proposeCredit", async () => {
    const { enterpriseId } = await addClient(world);
    const base = proposalInput(enterpriseId);
    await check(owner, proposeCredit, hostile(base, {
      enterpriseId: fc.oneof(notAString, fc.string(), UUIDS),
      productName: fc.oneof(notAString, overlong(61), fc.constantFrom("", "   ")),
      limitWan: badMoney,
      guaranteeMode: badEnum(["PLEDGE", "MORTGAGE", "GUARANTEE", "CREDIT", "OTHER"]),
      hasGuaranteeInsurance: badCheckbox,
      hasGovGuarantee: badCheckbox,
      isRevolving: badCheckbox,
      validFrom: badDate,
      validTo: badDate,
      creditCheckOn: fc.oneof(badDate, fc.constant("2099-01-01")),
      creditCheckHasPriorLoan: badCheckbox,
    }, fc.constant({ enterpriseId: world.otherBankEnterpriseId })));
  });

  it("decideCredit", async () => {
    const creditLineId = await pendingLine(world, (await addClient(world)).enterpriseId);
    const head = await world.actor("branchHead");
    await check(head, decideCredit, hostile({ creditLineId, decision: "APPROVE" }, {
      creditLineId: fc.oneof(notAString, fc.string(), UUIDS),
      decision: badEnum(["APPROVE", "REJECT"]),
      reason: fc.oneof(fc.integer(), fc.object({ maxDepth: 1 }), overlong(501)),
    }, fc.constant({ creditLineId: otherBankLine })));
  });

  it("recordDisbursement", async () => {
    const creditLineId = await approvedLine(world, (await addClient(world)).enterpriseId, { limitAmount: "50000" });
    const base = disbursementInput(creditLineId, "100", { idempotencyKey: newKey() });
    // Every generated payload gets its own key, so a failure is never a replay of another.
    await check(owner, (actor, raw) => recordDisbursement(actor, raw && typeof raw === "object" && !Array.isArray(raw) && (raw as Record<string, unknown>).idempotencyKey === base.idempotencyKey ? { ...raw, idempotencyKey: newKey() } : raw),
      hostile(base, {
        creditLineId: fc.oneof(notAString, fc.string(), UUIDS),
        amountWan: fc.oneof(badMoney, fc.constantFrom("5.000001", "100")), // over the 5 万元 line
        disbursedOn: fc.oneof(badDate, fc.constant("2099-01-01"), fc.constant("2020-01-01")),
        type: badEnum(["NEW", "EXTENSION", "BORROW_NEW_REPAY_OLD", "RESTRUCTURED", "RENEWAL_WITHOUT_REPAYMENT"]),
        idempotencyKey: badKey,
      }, fc.constant({ creditLineId: otherBankLine })));
  });

  it("recordRepayment", async () => {
    const creditLineId = await approvedLine(world, (await addClient(world)).enterpriseId);
    await recordDisbursement(owner, disbursementInput(creditLineId, "300"));
    const base = repaymentInput(creditLineId, "100", { idempotencyKey: newKey() });
    await check(owner, (actor, raw) => recordRepayment(actor, raw && typeof raw === "object" && !Array.isArray(raw) && (raw as Record<string, unknown>).idempotencyKey === base.idempotencyKey ? { ...raw, idempotencyKey: newKey() } : raw),
      hostile(base, {
        creditLineId: fc.oneof(notAString, fc.string(), UUIDS),
        amountWan: fc.oneof(badMoney, fc.constantFrom("0.030001")), // over the 300 元 outstanding
        repaidOn: fc.oneof(badDate, fc.constant("2099-01-01"), fc.constant("2020-01-01")),
        idempotencyKey: badKey,
      }, fc.constant({ creditLineId: otherBankLine })));
  });

  it("logVisit", async () => {
    const { enterpriseId } = await addClient(world);
    const base = { enterpriseId, visitedOn: todayInShanghai(), mode: "ON_SITE", hasNeed: "yes", amountWan: "100", termMonths: "12", purpose: "WORKING_CAPITAL" };
    await check(owner, logVisit, hostile(base, {
      enterpriseId: fc.oneof(notAString, fc.string(), UUIDS),
      visitedOn: fc.oneof(badDate, fc.constant("2099-01-01")),
      mode: badEnum(["ON_SITE", "PHONE", "ONLINE"]),
      amountWan: badMoney,
      purpose: badEnum(["WORKING_CAPITAL", "FIXED_ASSETS", "EQUIPMENT", "OTHER"]),
    }, fc.constant({ enterpriseId: world.otherBankEnterpriseId })));
  });

  it("a signed-out caller with any payload: UNAUTHENTICATED, zero rows", async () => {
    const commands: ((actor: Actor | null, raw: unknown) => Promise<unknown>)[] = [proposeCredit, decideCredit, recordDisbursement, recordRepayment, logVisit];
    for (const command of commands) {
      await fc.assert(fc.asyncProperty(fc.anything(), async (payload) => {
        const before = await countRows();
        const result = await runCommand(() => command(null, payload));
        expect(result).toEqual({ ok: false, code: "UNAUTHENTICATED", message: "unauthenticated", fieldErrors: undefined });
        expect(await countRows()).toEqual(before);
      }), { numRuns: 10 });
    }
  });
});

// Ids and periods from the address bar: a malformed one reads as "not there" (the page's 404)
// or, for the exports, a 400 like the JSON API's; never an exception (the 500 page).
const MALFORMED_IDS = ["-".repeat(36), `${"0".repeat(35)}-`, "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "00000000-0000-0000-0000-00000000000", "'; SELECT 1; --", "", "%00"];

describe("malformed ids read as missing", () => {
  it("enterprise, approval, list batch and publish preview", async () => {
    const regulator = await world.actor("regulator");
    const head = await world.actor("branchHead");
    for (const id of MALFORMED_IDS) {
      await expect(getPipeline(owner, id), id).resolves.toBeNull();
      await expect(getApproval(head, id), id).resolves.toBeNull();
      await expect(getListBatch(regulator, id), id).resolves.toBeNull();
      await expect(getPublishPreview(regulator, id), id).resolves.toBeNull();
    }
    // The check is not so tight that a real id stops working.
    expect((await getPipeline(owner, world.enterpriseId))?.enterprise.id).toBe(world.enterpriseId);
  });
});

describe("periods that do not exist", () => {
  const impossible: Record<string, string>[] = [
    { period: "month", month: "9999-12" },
    { period: "quarter", quarter: "9999-Q4" },
    { period: "month", month: "2026-13" },
    { period: "range", from: "2026-05-01", to: "2026-03-01" },
    { period: "range", from: "2026-02-30", to: "2026-03-01" },
    { period: "week" },
  ];

  it("the dashboards' reads do not throw (9999-12 used to be a RangeError)", async () => {
    const regulator = await world.actor("regulator");
    const headOffice = await world.actor("headOffice");
    const head = await world.actor("branchHead");
    for (const params of impossible.slice(0, 2)) {
      await expect(getProvinceRollup(regulator, params)).resolves.not.toBeNull();
      await expect(getBankDashboard(headOffice, params)).resolves.not.toBeNull();
      await expect(getBranchDashboard(head, params)).resolves.not.toBeNull();
    }
  });

  it("every export answers 400 with a JSON error, like the rollup API", async () => {
    const cases: [Parameters<World["actor"]>[0], string][] = [["regulator", "province"], ["headOffice", "bank-branches"], ["headOffice", "bank-cities"], ["branchHead", "branch-managers"], ["branchHead", "branch-funnel"]];
    for (const [who, table] of cases) {
      const actor = await world.actor(who);
      for (const params of impossible) {
        for (const format of ["csv", "xlsx"]) {
          const result = await exportResponse(actor, table, new URLSearchParams({ ...params, format }));
          expect(result.status, `${table} ${JSON.stringify(params)}`).toBe(400);
          expect(result.headers["Content-Type"]).toContain("application/json");
          expect(JSON.parse(result.body as string)).toMatchObject({ error: "invalid_parameters", issues: [{ parameter: "period" }] });
        }
      }
      // The same table for a period that exists is still a file.
      const ok = await exportResponse(actor, table, new URLSearchParams({ period: "month", month: "2026-03", format: "csv" }));
      expect(ok.status).toBe(200);
      expect(ok.headers["Content-Type"]).toContain("text/csv");
    }
  });
});
