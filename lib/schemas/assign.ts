// Inputs of the distribution commands: head office → branches, branch head → managers,
// reassigning one client, handing over a leaving manager's clients. Messages are catalog keys.
import { z } from "zod";
import { optional, uuid, yesNo } from "@/lib/schemas/common";

/** Hand-picked selections are what one screen can show and tick; bulk goes through a filter. */
export const MAX_PICKED = 5_000;

const reason = z.string().trim().max(500, { message: "reasonTooLong" });

/** A list of ids from a form (repeated fields) or a JSON caller; duplicates collapse. */
const idList = (max: number) =>
  z
    .array(uuid, { message: "required" })
    .min(1, { message: "required" })
    .max(max, { message: "tooMany" })
    .transform((ids) => [...new Set(ids)]);

/**
 * Which clients: ticked by hand, or "all N matching" a pool filter. The filter is the pool
 * screen's own (lib/queries/pool-filter.ts parses it); `expectedCount` is the N the user saw,
 * so a list that changed in between is refused instead of moving clients nobody looked at.
 */
export const selectionSchema = z.discriminatedUnion("by", [
  z.strictObject({ by: z.literal("ids"), clientIds: idList(MAX_PICKED) }),
  z.strictObject({
    by: z.literal("filter"),
    filter: z.record(z.string(), z.string()).default({}),
    expectedCount: optional(z.coerce.number({ message: "invalid" }).int().min(0)),
  }),
]);
export type Selection = z.output<typeof selectionSchema>;

/**
 * Head office → branches.
 *  - county: every client waiting at head office goes to the bank's branch of its county;
 *    where a county has several branches, `picks` names the one (county code → branch id);
 *    counties without a branch (or without a pick) stay at head office.
 *  - selection: the chosen clients go to one branch. Only clients waiting at head office
 *    move unless `redistribute` says to take them from another branch too (their manager is
 *    then cleared: the new branch head assigns one).
 */
export const distributeSchema = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z.literal("county"),
    picks: z.record(z.string().regex(/^\d{6}$/, { message: "invalid" }), uuid).default({}),
  }),
  z.strictObject({
    mode: z.literal("selection"),
    selection: selectionSchema,
    branchId: uuid,
    redistribute: optional(yesNo).transform((v) => v ?? false),
    reason: optional(reason),
  }),
]);
export type DistributeInput = z.input<typeof distributeSchema>;
export type Distribute = z.output<typeof distributeSchema>;

/**
 * Branch head → account managers. One manager takes them all; several share them evenly
 * (counts differ by at most one, in the pool screen's order: enterprise name, then enterprise id).
 */
export const assignSchema = z.strictObject({
  selection: selectionSchema,
  managerIds: idList(200),
  reason: optional(reason),
});
export type AssignInput = z.input<typeof assignSchema>;
export type Assign = z.output<typeof assignSchema>;

/** One client to another manager of the branch, with the reason on the record. */
export const reassignSchema = z.strictObject({
  clientId: uuid,
  managerId: uuid,
  reason: z.string({ message: "reasonRequired" }).trim().min(1, { message: "reasonRequired" }).max(500, { message: "reasonTooLong" }),
});
export type ReassignInput = z.input<typeof reassignSchema>;

/** Everything of one manager (active or disabled) to one or several others, in one step. */
export const handoverSchema = z
  .strictObject({
    fromManagerId: uuid,
    toManagerIds: idList(200),
    reason: optional(reason),
  })
  .refine((v) => !v.toManagerIds.includes(v.fromManagerId), { path: ["toManagerIds"], message: "handoverToSelf" });
export type HandoverInput = z.input<typeof handoverSchema>;
