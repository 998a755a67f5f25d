// Building blocks of the authorization matrix (tests/support/authz-matrix.ts and its feature
// files authz-matrix-*.ts): the actor variants, cells, and row types.
import type { Actor } from "@/lib/auth/actor";
import type { ActorName, World } from "./world";

export const ACTOR_NAMES: readonly ActorName[] = [
  "signedOut", "disabled", "owner", "sameBranchManager", "otherBranchManager",
  "otherBankManager", "branchHead", "otherBranchHead", "headOffice", "regulator",
];

export type Cell = "allow" | "deny";
export type Cells = Record<ActorName, Cell>;

/** Cells from the list of allowed callers; everyone else is denied. */
export function only(...allowed: ActorName[]): Cells {
  return Object.fromEntries(ACTOR_NAMES.map((name) => [name, allowed.includes(name) ? "allow" : "deny"])) as Cells;
}

export type ActionRowOf<C> = {
  /** The exported server action. */
  action: string;
  file: string;
  /** The command the action is a thin shell around (what the cells execute). */
  command: string;
  cells: Cells;
  /** Fresh state for one cell (rows counted after this, before `call`). */
  prepare(world: World): Promise<C>;
  /** Calls the command as `actor`; throws an AppError when denied. */
  call(actor: Actor | null, prepared: C): Promise<unknown>;
};
export type ActionRow = ActionRowOf<unknown>;

export function action<C>(row: ActionRowOf<C>): ActionRow {
  return row as ActionRow;
}

export type QueryRow = {
  query: string;
  file: string;
  cells: Cells;
  /** Prepares fresh state and reports whether `actor` sees the target through the query. */
  sees(world: World, actor: Actor | null): Promise<boolean>;
};

