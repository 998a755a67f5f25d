// PostgreSQL may abort a transaction to break a deadlock (40P01) — the rollup triggers lock
// per-day rows, so two writers touching the same days in opposite order can meet. Such a
// transaction left nothing behind, so running it again is safe.
const RETRYABLE = new Set(["40P01", "40001"]);

function isRetryable(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } };
  if (e.code === "P2034" || RETRYABLE.has(String(e.code))) return true;
  const cause = e.meta?.driverAdapterError?.cause;
  return RETRYABLE.has(String(cause?.originalCode)) || cause?.kind === "TransactionWriteConflict" || RETRYABLE.has(String(e.meta?.code));
}

export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
