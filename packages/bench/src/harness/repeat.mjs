// The measurement loop every family uses: `warmup` untimed runs (JIT, lazy worker start,
// module caches), then `reps` recorded runs. Each run returns { metricId: number }; the result
// maps each metric to its list of samples, and the parent process takes the median.

export async function repeat({ reps, warmup }, runOnce) {
  for (let i = 0; i < warmup; i++) await runOnce(-1 - i);
  const samples = {};
  for (let i = 0; i < reps; i++) {
    const sample = await runOnce(i);
    for (const [metric, value] of Object.entries(sample)) (samples[metric] ??= []).push(value);
  }
  return samples;
}

/** Wall-clock duration of `fn` in milliseconds (high resolution). */
export async function timeMs(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Fail loudly when a benchmark's work came out wrong: a fast wrong answer is not a result. */
export function check(condition, what) {
  if (!condition) throw new Error(`bench check failed: ${what}`);
}
