// Pools a suite opens are always shut down, even when a test fails half-way with tasks still
// blocked: afterEach shuts them down without waiting (wait: false) so a failing test reports its
// own assertion instead of hanging in cleanup. Tests that are *about* shutdown call it themselves.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { WorkerPoolExecutor } from '@weft/core';

type PoolOptions = ConstructorParameters<typeof WorkerPoolExecutor>[0];

/** Register cleanup hooks in the current describe block; `open()` makes a pool closed after each test. */
export function poolPerTest(): { open(options?: PoolOptions): WorkerPoolExecutor } {
  const open = new Set<WorkerPoolExecutor>();
  afterEach(async () => {
    const pools = [...open];
    open.clear();
    await Promise.all(pools.map((pool) => pool.shutdown({ wait: false, cancelFutures: true })));
  });
  return {
    open(options) {
      const pool = new WorkerPoolExecutor(options);
      open.add(pool);
      return pool;
    },
  };
}

/**
 * One pool shared by the tests of a describe block (workers are started once, which keeps the
 * suite fast on 2 cores); shut down with wait: true after the block, which also checks that a
 * used pool shuts down cleanly.
 */
export function sharedPool(options?: PoolOptions): () => WorkerPoolExecutor {
  let pool: WorkerPoolExecutor | undefined;
  beforeAll(() => {
    pool = new WorkerPoolExecutor(options);
  });
  afterAll(async () => {
    await pool?.shutdown({ wait: true });
  });
  return () => {
    if (pool === undefined) throw new Error('sharedPool(): used outside the tests of its describe block');
    return pool;
  };
}
