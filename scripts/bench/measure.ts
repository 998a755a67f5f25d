// What the benches share: percentiles and timed repetitions. Figures only: nothing here asserts a time.

/** The p-th percentile (nearest rank) of values sorted ascending; NaN for none. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Runs `run` `warmups` times (caches, plans), then times `n` runs: p50, p95 and max in ms. */
export async function timeRuns(n: number, run: () => Promise<unknown>, warmups = Math.min(3, n)): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < warmups; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1) ?? NaN };
}
