import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/domain/idempotency";

/** sha256 (hex) of the canonical JSON of a parsed request, without its idempotency key (`keyField`). */
export function payloadHash(input: Record<string, unknown>, keyField = "idempotencyKey"): string {
  const { [keyField]: _key, ...payload } = input;
  return createHash("sha256").update(canonicalJson(payload)).digest("hex");
}

/**
 * Whether an error is PostgreSQL's unique violation (Prisma's P2002, or SQLSTATE 23505 from a
 * raw query). Used to tell "another request won the race" from real failures.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } } };
  if (e.code === "P2002" || e.code === "23505") return true;
  const cause = e.meta?.driverAdapterError?.cause;
  return cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505" || e.meta?.code === "23505";
}
