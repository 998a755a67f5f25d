// Authorization-matrix rows of the assign feature (see tests/support/authz-matrix.ts).
import type { ActionRow, QueryRow } from "./authz-cells";

export const ASSIGN_ACTIONS: readonly ActionRow[] = [];
export const ASSIGN_QUERIES: readonly QueryRow[] = [];
