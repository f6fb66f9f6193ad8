// Pool start-up to first result: construct a fresh pool, run one tiny task, stop the clock.
// Module loading in this process is excluded (the warm-up run pays it); worker spawn, worker
// module loading and the first round trip are included. Closing is not timed.
import { openPool } from '../adapters/index.mjs';
import { check, repeat } from '../harness/repeat.mjs';

export async function measure({ impl, reps, warmup, workers }) {
  return {
    samples: await repeat({ reps, warmup }, async () => {
      const t0 = performance.now();
      const pool = await openPool(impl, { workers });
      const r = await pool.call('inc', 41);
      const ms = performance.now() - t0;
      check(r === 42, `startup: inc(41) returned ${r}`);
      await pool.close();
      return { startup: ms };
    }),
  };
}
