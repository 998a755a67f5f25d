// Authorization-matrix rows of the allocation feature (see tests/support/authz-matrix.ts).
import type { ActionRow, QueryRow } from "./authz-cells";

export const ALLOCATION_ACTIONS: readonly ActionRow[] = [];
export const ALLOCATION_QUERIES: readonly QueryRow[] = [];
