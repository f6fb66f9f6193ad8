// Sizes the CPU-bound task: how many spin() iterations take `targetMs` on this machine, so the
// row means "~100 ms tasks" here and on a faster machine alike.
import bodies from '../workers/tasks.cjs';

export function calibrateSpin(targetMs) {
  bodies.spin(2_000_000); // let the JIT optimise spin before timing it
  const probe = 20_000_000;
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    bodies.spin(probe);
    best = Math.min(best, performance.now() - t0);
  }
  return Math.max(1, Math.round((probe * targetMs) / best));
}
