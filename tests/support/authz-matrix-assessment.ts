// Authorization-matrix rows of assessment (考核) and market order (see tests/support/authz-matrix.ts).
// A bank's head office sets its schemes; every bank role reads the assessment of its own scope
// (head office the bank, a branch head the branch, a manager their own row); regulators have
// none. Market-order flags are the regulators' only (within their jurisdiction: the world's
// enterprise is in Jiaxing, which the world's 浙江不含宁波 regulator covers).
import { randomInt, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { createAssessmentScheme } from "@/lib/commands/assessment/create-scheme";
import { reviewMarketFlag } from "@/lib/commands/market/review-flag";
import { getAssessment, listAssessmentSchemes } from "@/lib/queries/assessment";
import { getMarketFlag, listMarketFlags } from "@/lib/queries/market-flags";
import { action, only, type ActionRow, type QueryRow } from "./authz-cells";
import type { World } from "./world";

const WEIGHTS = {
  weightNewFirstLoans: "30", weightFirstLoanAmount: "20", weightCoverage: "15",
  weightConversion: "15", weightPartner: "10", weightTimeliness: "10",
};

/** A start date no other cell uses (one scheme per bank and date). */
function freshDate(): string {
  const day = new Date(Date.UTC(2030, 0, 1) + randomInt(0, 60 * 365) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

async function addFlag(world: World): Promise<string> {
  const flag = await db.marketFlag.create({
    data: { kind: "CROWDING", enterpriseId: world.enterpriseId, causeKey: `matrix:${randomUUID()}`, facts: { bankCount: 3, banks: [] } },
  });
  return flag.id;
}

export const ASSESSMENT_ACTIONS: readonly ActionRow[] = [
  action({
    action: "createAssessmentSchemeAction",
    file: "lib/actions/assessment.ts",
    command: "createAssessmentScheme",
    cells: only("headOffice"),
    prepare: async () => ({ validFrom: freshDate() }),
    call: (actor, { validFrom }) => createAssessmentScheme(actor, { name: "矩阵方案", validFrom, ...WEIGHTS }),
  }),
  action({
    action: "reviewMarketFlagAction",
    file: "lib/actions/market.ts",
    command: "reviewMarketFlag",
    cells: only("regulator"),
    prepare: async (world) => ({ flagId: await addFlag(world) }),
    call: (actor, { flagId }) => reviewMarketFlag(actor, { flagId, note: "已核查" }),
  }),
];

export const ASSESSMENT_QUERIES: readonly QueryRow[] = [
  {
    query: "listAssessmentSchemes",
    file: "lib/queries/assessment.ts",
    cells: only("headOffice"),
    sees: async (world, actor) => {
      const validFrom = freshDate();
      await db.assessmentScheme.create({
        data: {
          bankId: world.bankA, name: `矩阵${validFrom}`, validFrom: new Date(`${validFrom}T00:00:00Z`), createdById: world.userIds.headOffice,
          weightNewFirstLoans: 30, weightFirstLoanAmount: 20, weightCoverage: 15, weightConversion: 15, weightPartner: 10, weightTimeliness: 10,
        },
      });
      return ((await listAssessmentSchemes(actor)) ?? []).some((s) => s.validFrom === validFrom);
    },
  },
  {
    query: "getAssessment",
    file: "lib/queries/assessment.ts",
    // Every bank role has an assessment of its own scope; the owner's own row is seen by the
    // owner, the head of A1 and bank A's head office only.
    cells: only("owner", "sameBranchManager", "otherBranchManager", "otherBankManager", "branchHead", "otherBranchHead", "headOffice"),
    sees: async (world, actor) => {
      const validFrom = "2020-01-01";
      await db.assessmentScheme.upsert({
        where: { bankId_validFrom: { bankId: world.bankA, validFrom: new Date(`${validFrom}T00:00:00Z`) } },
        update: {},
        create: {
          bankId: world.bankA, name: "矩阵考核", validFrom: new Date(`${validFrom}T00:00:00Z`), createdById: world.userIds.headOffice,
          weightNewFirstLoans: 30, weightFirstLoanAmount: 20, weightCoverage: 15, weightConversion: 15, weightPartner: 10, weightTimeliness: 10,
        },
      });
      const view = await getAssessment(actor, {});
      if (!view) return false;
      const ownRowVisible = view.managers.some((m) => m.id === world.userIds.owner);
      // Allowed callers get their own scope; whether the owner's row shows follows the scope.
      const expectsOwner = actor!.userId === world.userIds.owner || actor!.userId === world.userIds.branchHead || actor!.userId === world.userIds.headOffice;
      return ownRowVisible === expectsOwner;
    },
  },
  {
    query: "listMarketFlags",
    file: "lib/queries/market-flags.ts",
    cells: only("regulator"),
    sees: async (world, actor) => {
      const id = await addFlag(world);
      return ((await listMarketFlags(actor, { status: "all", kind: "CROWDING" }))?.rows ?? []).some((r) => r.id === id);
    },
  },
  {
    query: "getMarketFlag",
    file: "lib/queries/market-flags.ts",
    cells: only("regulator"),
    sees: async (world, actor) => {
      const id = await addFlag(world);
      return (await getMarketFlag(actor, id))?.id === id;
    },
  },
];
