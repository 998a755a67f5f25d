// Factories that build programme data. The demo seed, the scenario and the tests all use
// them, so test data looks like the data people see.
import type { Db } from "@/lib/db-client";
import type { EnterpriseKind, Jurisdiction, ListType, Role } from "@/lib/generated/prisma/enums";
import { findCounty } from "@/lib/domain/regions";
import { makeUscc } from "@/lib/domain/uscc";
import { hashPassword } from "@/lib/auth/password";
import { createRandom } from "./random";
import { enterpriseName, mobilePhone, personName } from "./names";

export const DEMO_PASSWORD = "Shoudai#2026";

let demoHash: Promise<string> | null = null;
/**
 * One argon2id hash of the demo password, computed once per process: only for the
 * province-scale scenario (bench data, thousands of synthetic users loaded by COPY). The demo
 * seed and the test factories hash per user (each with its own salt).
 */
export function demoPasswordHash(): Promise<string> {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  return demoHash;
}

export async function createBank(db: Db, input: { code: string; name: string; nameEn: string }) {
  return db.bank.create({ data: input });
}

export async function createBranch(
  db: Db,
  input: { bankId: string; code: string; name: string; nameEn: string; countyCode: string },
) {
  return db.branch.create({ data: input });
}

export async function createUser(
  db: Db,
  input: {
    email: string;
    name: string;
    role: Role;
    bankId?: string | null;
    branchId?: string | null;
    jurisdiction?: Jurisdiction | null;
    isActive?: boolean;
    isAdmin?: boolean;
  },
) {
  return db.user.create({
    data: {
      email: input.email,
      name: input.name,
      role: input.role,
      bankId: input.bankId ?? null,
      branchId: input.branchId ?? null,
      jurisdiction: input.jurisdiction ?? null,
      isActive: input.isActive ?? true,
      isAdmin: input.isAdmin ?? false,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    },
  });
}

export type EnterpriseSeed = {
  seq: number;
  countyCode: string;
  kind?: EnterpriseKind;
  industry?: string;
  name?: string;
};

/** Builds (without writing) an enterprise row with a valid USCC derived from its seq. */
export function enterpriseRow(input: EnterpriseSeed) {
  const county = findCounty(input.countyCode);
  if (!county) throw new Error(`unknown county ${input.countyCode}`);
  const random = createRandom(input.seq * 7919 + 17);
  const kind: EnterpriseKind = input.kind ?? (random.chance(0.3) ? "INDIVIDUAL_BUSINESS" : random.chance(0.05) ? "FARMER_COOPERATIVE" : "ENTERPRISE");
  return {
    uscc: makeUscc({ kind, divisionCode: input.countyCode, orgSeq: input.seq }),
    name: input.name ?? enterpriseName(random, kind, county.shortName, input.seq),
    kind,
    countyCode: county.code,
    cityCode: county.cityCode,
    industry: input.industry ?? random.pick(["C", "C", "C", "F", "F", "G", "I", "L", "M", "A", "E"]),
    legalRepName: personName(random),
    legalRepPhone: mobilePhone(random),
  };
}

export async function createEnterprise(db: Db, input: EnterpriseSeed) {
  return db.enterprise.create({ data: enterpriseRow(input) });
}

export async function createListBatch(db: Db, input: { listType: ListType; name: string; issuedOn: string }) {
  return db.listBatch.create({ data: { ...input, issuedOn: new Date(`${input.issuedOn}T00:00:00Z`) } });
}

/** Puts an enterprise into a bank's pool, at a branch, with a dedicated manager. */
export async function createClient(
  db: Db,
  input: { bankId: string; branchId: string; enterpriseId: string; managerId: string | null },
) {
  return db.bankClient.create({ data: input });
}

type EnterpriseRow = ReturnType<typeof enterpriseRow>;

/**
 * Inserts many enterprises in one statement (unnest over column arrays): far faster than
 * createMany's one-parameter-per-value statement for thousands of rows.
 */
export async function insertEnterprises(db: Db, rows: EnterpriseRow[]): Promise<void> {
  const col = <K extends keyof EnterpriseRow>(key: K) => rows.map((r) => r[key]);
  await db.$executeRaw`
    INSERT INTO enterprises (uscc, name, kind, county_code, city_code, industry, legal_rep_name, legal_rep_phone)
    SELECT * FROM unnest(${col("uscc")}::text[], ${col("name")}::text[], ${col("kind")}::"EnterpriseKind"[],
      ${col("countyCode")}::text[], ${col("cityCode")}::text[], ${col("industry")}::text[],
      ${col("legalRepName")}::text[], ${col("legalRepPhone")}::text[])`;
}

/** Puts many enterprises into banks' pools in one statement. */
export async function insertClients(
  db: Db,
  rows: { bankId: string; branchId: string; enterpriseId: string; managerId: string | null }[],
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO bank_clients (bank_id, branch_id, enterprise_id, manager_id, updated_at)
    SELECT b, br, e, m, now() FROM unnest(${rows.map((r) => r.bankId)}::uuid[], ${rows.map((r) => r.branchId)}::uuid[],
      ${rows.map((r) => r.enterpriseId)}::uuid[], ${rows.map((r) => r.managerId)}::uuid[]) AS t(b, br, e, m)`;
}

/** Records many list memberships in one statement. */
export async function insertMemberships(
  db: Db,
  rows: { enterpriseId: string; batchId: string; listType: ListType; listedOn: Date }[],
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO list_memberships (enterprise_id, batch_id, list_type, listed_on)
    SELECT * FROM unnest(${rows.map((r) => r.enterpriseId)}::uuid[], ${rows.map((r) => r.batchId)}::uuid[],
      ${rows.map((r) => r.listType)}::"ListType"[], ${rows.map((r) => r.listedOn.toISOString().slice(0, 10))}::date[])`;
}
