// Inputs of the account security pages (/account/setup and /account). Messages are catalog
// keys (errors.*). The password policy itself (length, common list, not the email) needs the
// account's email, so the commands apply it (lib/commands/account/password-rules.ts).
import { z } from "zod";
import { optional, uuid } from "@/lib/schemas/common";

/** Longer than any acceptable password (the policy's maximum is 128): a bound, not the rule. */
const password = z.string({ message: "required" }).min(1, { message: "required" }).max(1000, { message: "passwordTooLong" });
const otp = z.string({ message: "required" }).trim().regex(/^\d{6}$/, { message: "otpFormat" });

const newPassword = { password, repeat: z.string({ message: "required" }).max(1000, { message: "passwordTooLong" }) };
function repeated<T extends { password: string; repeat: string }>(v: T, ctx: z.core.$RefinementCtx<T>) {
  if (v.password !== v.repeat) ctx.addIssue({ code: "custom", path: ["repeat"], message: "passwordMismatch" });
}

/** An API token's name (its form shows a live counter against it). */
export const API_TOKEN_NAME_MAX = 60;

/** First sign-in (or after an admin's reset): the new password twice. */
export const setPasswordSchema = z.object(newPassword).superRefine(repeated);

/** /account: the current password, then the new one twice. */
export const changePasswordSchema = z.object({ currentPassword: password, ...newPassword }).superRefine(repeated);

export const confirmTotpSchema = z.object({ code: otp });

export const disableTotpSchema = z.object({ currentPassword: password });

export const regenerateRecoveryCodesSchema = z.object({ currentPassword: password, code: otp });

export const endSessionSchema = z.object({ sessionId: uuid });

/** How long a new API token lives; "" = until revoked. */
export const API_TOKEN_EXPIRY_DAYS = ["30", "90", "180", "365"] as const;
export const MAX_ACTIVE_API_TOKENS = 20;

export const createApiTokenSchema = z.object({
  name: z.string({ message: "required" }).trim().min(1, { message: "required" }).max(API_TOKEN_NAME_MAX, { message: "tokenNameTooLong" }),
  expiresInDays: optional(z.enum(API_TOKEN_EXPIRY_DAYS, { message: "invalid" })),
});

export const revokeApiTokenSchema = z.object({ tokenId: uuid });
