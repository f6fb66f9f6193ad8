// CPU-bound scaling: 8 tasks of ~100 ms of real work (iteration count calibrated by the cli)
// run serially in this process, then on a pool of 1 worker and a pool of 2, in every
// repetition; the speedup is each repetition's serial time over its 2-worker time, so a
// change in background load between processes does not skew it. Work-based, not time-based,
// so a pinned run honestly shows ~1×. Case 'serial' alone fills the raw column. Case 'medium'
// runs many ~2 ms tasks on 2 workers instead (plan.mjs says why).
import { openPool } from '../adapters/index.mjs';
import { check, repeat, timeMs } from '../harness/repeat.mjs';
import bodies from '../workers/tasks.cjs';

export async function measure({ impl, caseId, params, reps, warmup, reusePools: reuse }) {
  const { tasks, iterations } = params;
  const expected = bodies.spin(iterations);
  const serial = async () => (await timeMs(() => {
    for (let i = 0; i < tasks; i++) check(bodies.spin(iterations) === expected, 'serial spin');
  })).ms;
  if (caseId === 'serial') return { samples: await repeat({ reps, warmup }, async () => ({ 'cpu.serial': await serial() })) };
  if (caseId === 'medium') return { samples: await medium(impl, tasks, iterations, expected, { reps, warmup }, reuse) };
  const one = await openPool(impl, { workers: 1, reuse });
  const two = await openPool(impl, { workers: 2, reuse });
  try {
    return {
      samples: await repeat({ reps, warmup }, async () => {
        const base = await serial();
        const oneMs = await burst(one, tasks, iterations, expected);
        const twoMs = await burst(two, tasks, iterations, expected);
        return { 'cpu.1w': oneMs, 'cpu.2w': twoMs, 'cpu.speedup': base / twoMs };
      }),
    };
  } finally {
    await Promise.all([one.close(), two.close()]);
  }
}

/** Case 'medium': many short CPU tasks on 2 workers, in tasks/s. */
async function medium(impl, tasks, iterations, expected, reps, reuse) {
  const pool = await openPool(impl, { workers: 2, reuse });
  try {
    return await repeat(reps, async () => ({ 'cpu.medium': tasks / ((await burst(pool, tasks, iterations, expected)) / 1000) }));
  } finally {
    await pool.close();
  }
}

async function burst(pool, tasks, iterations, expected) {
  const { ms, value } = await timeMs(() =>
    Promise.all(Array.from({ length: tasks }, () => pool.call('spin', iterations))),
  );
  check(value.every((v) => v === expected), 'cpu: a spin task returned a wrong hash');
  return ms;
}
