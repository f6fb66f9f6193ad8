// CPU-bound scaling: 8 tasks of ~100 ms of real work (iteration count calibrated by the cli)
// on a pool of 1 worker and a pool of 2; the cli divides the serial time (case 'serial', run
// in-process) by each to get the speedup. Work-based, so a pinned run honestly shows ~1×.
import { openPool } from '../adapters/index.mjs';
import { check, repeat, timeMs } from '../harness/repeat.mjs';
import bodies from '../workers/tasks.cjs';

export async function measure({ impl, caseId, params, reps, warmup }) {
  const { tasks, iterations } = params;
  const expected = bodies.spin(iterations);
  if (caseId === 'serial') {
    return {
      samples: await repeat({ reps, warmup }, async () => {
        const { ms } = await timeMs(() => {
          for (let i = 0; i < tasks; i++) check(bodies.spin(iterations) === expected, 'serial spin');
        });
        return { 'cpu.serial': ms };
      }),
    };
  }
  const one = await openPool(impl, { workers: 1 });
  const two = await openPool(impl, { workers: 2 });
  try {
    return {
      samples: await repeat({ reps, warmup }, async () => ({
        'cpu.1w': await burst(one, tasks, iterations, expected),
        'cpu.2w': await burst(two, tasks, iterations, expected),
      })),
    };
  } finally {
    await Promise.all([one.close(), two.close()]);
  }
}

async function burst(pool, tasks, iterations, expected) {
  const { ms, value } = await timeMs(() =>
    Promise.all(Array.from({ length: tasks }, () => pool.call('spin', iterations))),
  );
  check(value.every((v) => v === expected), 'cpu: a spin task returned a wrong hash');
  return ms;
}
