// Sequential round-trip latency: N tiny tasks, each awaited before the next is sent, so every
// sample is one full dispatch → run → result → resolve cycle with an idle pool in between.
import { openPool } from '../adapters/index.mjs';
import { check, repeat } from '../harness/repeat.mjs';
import { median, percentile } from '../harness/stats.mjs';

export async function measure({ impl, params, reps, warmup, workers, reusePools: reuse }) {
  const pool = await openPool(impl, { workers, reuse });
  try {
    return { samples: await repeat({ reps, warmup }, () => sequential(pool, params.roundTrips)) };
  } finally {
    await pool.close();
  }
}

export async function sequential(pool, n) {
  const us = new Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await pool.call('inc', i);
    us[i] = (performance.now() - t0) * 1000;
    check(r === i + 1, `latency: inc(${i}) returned ${r}`);
  }
  return latencySample('latency', us);
}

/** { `${prefix}.p50`, `${prefix}.p99`, `${prefix}.mean` } in microseconds. */
export function latencySample(prefix, us) {
  const mean = us.reduce((a, b) => a + b, 0) / us.length;
  return { [`${prefix}.p50`]: median(us), [`${prefix}.p99`]: percentile(us, 99), [`${prefix}.mean`]: mean };
}
