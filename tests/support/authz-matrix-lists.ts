// Authorization-matrix rows of the lists feature (see tests/support/authz-matrix.ts).
import type { ActionRow, QueryRow } from "./authz-cells";

export const LIST_ACTIONS: readonly ActionRow[] = [];
export const LIST_QUERIES: readonly QueryRow[] = [];
