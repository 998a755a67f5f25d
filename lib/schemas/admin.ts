// Inputs of organisation admin: a bank's head-office admin (branches, users, the bank's
// two-factor rule) and a regulator admin (banks, regulator users). Messages are catalog keys
// (admin.errors.* first, then errors.*).
import { z } from "zod";
import { findCounty } from "@/lib/domain/regions";
import { optional, uuid, yesNo } from "@/lib/schemas/common";

/** Roles a bank's admin may give: the bank's own three. Regulators are the regulator admin's. */
export const BANK_ROLES = ["ACCOUNT_MANAGER", "BRANCH_HEAD", "BANK_HEAD_OFFICE"] as const;
export type BankRole = (typeof BANK_ROLES)[number];
export const JURISDICTIONS = ["ZHEJIANG", "ZHEJIANG_EXCL_NINGBO", "NINGBO"] as const;

/** Branch staff belong to a branch; head office to no branch (the users_*_scope CHECKs agree). */
export function roleNeedsBranch(role: BankRole): boolean {
  return role !== "BANK_HEAD_OFFICE";
}

export const emailField = z
  .string({ message: "required" })
  .trim()
  .min(1, { message: "required" })
  .max(200, { message: "emailInvalid" })
  .pipe(z.email({ message: "emailInvalid" }))
  .transform((v) => v.toLowerCase());

const personName = z.string({ message: "required" }).trim().min(1, { message: "required" }).max(60, { message: "nameTooLong" });
const orgName = z.string({ message: "required" }).trim().min(1, { message: "required" }).max(100, { message: "nameTooLong" });
const bankRole = z.enum(BANK_ROLES, { message: "roleInvalid" });
const jurisdiction = z.enum(JURISDICTIONS, { message: "jurisdictionInvalid" });
const flag = optional(yesNo).transform((v) => v ?? false);

/** Branch staff need an (open, own-bank) branch; head office takes none (a branch sent for it is refused). */
function branchMatchesRole(v: { role: BankRole; branchId?: string | undefined }, ctx: z.RefinementCtx) {
  if (roleNeedsBranch(v.role) && !v.branchId) ctx.addIssue({ code: "custom", path: ["branchId"], message: "branchRequired" });
  if (!roleNeedsBranch(v.role) && v.branchId) ctx.addIssue({ code: "custom", path: ["branchId"], message: "branchNotForRole" });
}

export const createBankUserSchema = z
  .strictObject({
    email: emailField,
    name: personName,
    role: bankRole,
    branchId: optional(uuid),
    isAdmin: flag,
  })
  .superRefine(branchMatchesRole)
  .refine((v) => !v.isAdmin || v.role === "BANK_HEAD_OFFICE", { path: ["isAdmin"], message: "adminRoleOnly" });
export type CreateBankUserInput = z.input<typeof createBankUserSchema>;

export const createRegulatorUserSchema = z.strictObject({
  email: emailField,
  name: personName,
  jurisdiction,
  isAdmin: flag,
});
export type CreateRegulatorUserInput = z.input<typeof createRegulatorUserSchema>;

/** A bank user's role and branch (one step: a manager moved to another branch, a head promoted). */
export const changeBankUserRoleSchema = z
  .strictObject({ userId: uuid, role: bankRole, branchId: optional(uuid) })
  .superRefine(branchMatchesRole);
export type ChangeBankUserRoleInput = z.input<typeof changeBankUserRoleSchema>;

export const changeJurisdictionSchema = z.strictObject({ userId: uuid, jurisdiction });

export const setActiveSchema = z.strictObject({ userId: uuid, isActive: yesNo });
export const setAdminSchema = z.strictObject({ userId: uuid, isAdmin: yesNo });
export const userIdSchema = z.strictObject({ userId: uuid });
export const requireTotpSchema = z.strictObject({ requireTotp: yesNo });

const branchCode = z.string({ message: "required" }).trim().regex(/^[A-Za-z0-9_-]{1,30}$/, { message: "codeInvalid" });
const countyCode = z
  .string({ message: "required" })
  .trim()
  .refine((c) => findCounty(c) !== undefined, { message: "countyInvalid" });

export const createBranchSchema = z.strictObject({
  code: branchCode,
  name: orgName,
  nameEn: orgName,
  countyCode,
});
export type CreateBranchInput = z.input<typeof createBranchSchema>;

export const renameBranchSchema = z.strictObject({ branchId: uuid, name: orgName, nameEn: orgName });
export const branchIdSchema = z.strictObject({ branchId: uuid });

/** A bank joins the programme with its first head-office admin. */
export const createBankSchema = z.strictObject({
  code: z.string({ message: "required" }).trim().regex(/^[A-Za-z0-9_-]{1,20}$/, { message: "codeInvalid" }),
  name: orgName,
  nameEn: orgName,
  adminEmail: emailField,
  adminName: personName,
});
export type CreateBankInput = z.input<typeof createBankSchema>;

/** The admin user list's filters (query string): empty means "all". */
export const userFilterSchema = z.object({
  branch: z.preprocess((v) => (v === "" ? undefined : v), z.union([uuid, z.literal("none")]).optional()).catch(undefined),
  role: z.preprocess((v) => (v === "" ? undefined : v), z.enum([...BANK_ROLES, "REGULATOR"]).optional()).catch(undefined),
  active: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["yes", "no"]).optional()).catch(undefined),
  q: z.preprocess((v) => (typeof v === "string" ? v.trim().slice(0, 100) || undefined : undefined), z.string().optional()).catch(undefined),
});
export type UserFilter = z.output<typeof userFilterSchema>;
