// The pools behind pmap()/gmap(): one per worker count, started on first use, reused by every
// later call (workers stay warm between calls), and made of workers that exit after
// DEFAULT_POOL_IDLE_MS without work. Idle workers never keep the process alive, so a script
// that used pmap exits when its own work is done; nobody has to shut these pools down.
import { ExecutorShutdownError, WorkerCrashedError } from '@weft/spi';
import { WorkerPoolExecutor } from '../executor/worker-pool-executor.js';
import { defaultWorkerCount } from '../executor/options.js';

/**
 * How long an idle worker of a shared pool lingers. Long enough that pmap calls in a loop
 * (with main-thread work between them) reuse warm workers; short enough that a program
 * which is done with parallel work soon gets the workers' memory back. A respawn costs
 * ~30 ms (thread) to ~100 ms (process), small next to a pause of this length.
 */
export const DEFAULT_POOL_IDLE_MS = 2000;

const pools = new Map<number, WorkerPoolExecutor>();

/**
 * The shared pool pmap()/gmap() use for `maxWorkers` workers (default: the CPU count).
 * Read its stats() to see what pmap did; shutting it down is allowed (the next pmap call
 * starts a fresh one).
 */
export function defaultPool(maxWorkers: number = defaultWorkerCount()): WorkerPoolExecutor {
  let pool = pools.get(maxWorkers);
  if (pool === undefined) {
    pool = new WorkerPoolExecutor({ maxWorkers, idleTimeout: DEFAULT_POOL_IDLE_MS, name: maxWorkers === defaultWorkerCount() ? 'WeftDefaultPool' : `WeftDefaultPool${maxWorkers}` });
    pools.set(maxWorkers, pool);
  }
  return pool;
}

/**
 * Run `use(pool)` on the shared pool for `maxWorkers`. If that pool was shut down by the user
 * or broke (its workers could not start), it is replaced once by a fresh pool.
 */
export function withDefaultPool<T>(maxWorkers: number | undefined, use: (pool: WorkerPoolExecutor) => T): T {
  const n = maxWorkers ?? defaultWorkerCount();
  const pool = defaultPool(n);
  try {
    return use(pool);
  } catch (err) {
    if (!(err instanceof ExecutorShutdownError || err instanceof WorkerCrashedError) || pools.get(n) !== pool) throw err;
    pools.delete(n);
    return use(defaultPool(n));
  }
}
