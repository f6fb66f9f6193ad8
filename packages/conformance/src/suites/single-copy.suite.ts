// core's dist bundles @weft/spi and both backends (start-up time, issue #5). That is only
// correct while every thread/process holds one copy of their module state: errors stay
// instanceof-compatible, revived primitives are the classes a task module imports, and the
// task context a task reads is the runtime's. These tests observe exactly that, in a worker.
import { describe, expect, test } from 'vitest';
import { Event, Lock, LockNotOwnedError, WeftError } from '@weft/core';
import { inspectRevived, readTaskContext, releaseUnheld } from '../fixtures/inspect-core-identity.mjs';
import { loadedBuiltins } from '../fixtures/loaded-builtins.mjs';
import type { ConformanceContext } from '../support/context.js';
import { errorOf } from '../support/error-of.js';
import { poolPerTest } from '../support/pools.js';

export function singleCopySuite(ctx: ConformanceContext): void {
  describe('one copy of core per worker', () => {
    const pools = poolPerTest();

    test('primitives revived in a worker are instances of the Lock and Event its task module imports', async () => {
      const pool = pools.open({ maxWorkers: 1, name: 'copy' });
      const lock = new Lock();
      const seen = await pool.submit(inspectRevived, lock, new Event());
      expect(seen.lockIsLock).toBe(true);
      expect(seen.eventIsEvent).toBe(true);
      expect(seen.lock).toBeInstanceOf(Lock);
    });

    test("an error from a backend primitive in a worker is an instance of the task module's error classes", async () => {
      const pool = pools.open({ maxWorkers: 1 });
      expect(await pool.submit(releaseUnheld, new Lock())).toEqual({ threw: true, name: 'LockNotOwnedError', isLockNotOwned: true, isWeftError: true });
    });

    test("an error from a backend primitive here is an instance of core's exported classes", async () => {
      const err = await errorOf(() => new Lock().release());
      expect(err).toBeInstanceOf(LockNotOwnedError);
      expect(err).toBeInstanceOf(WeftError);
    });

    test("a task module's taskSignal() and currentWorker() see the running task and worker", async () => {
      const pool = pools.open({ maxWorkers: 1, name: 'copy' });
      expect(await pool.submit(readTaskContext)).toEqual({ signalAborted: false, name: 'copy_0', isMain: false });
    });

    // The bundle holds both backends; the built-ins only one of them needs load on first use.
    test('a worker thread starts without node:child_process, net or dgram (a forked child has them from Node)', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const loaded: string[] = await pool.submit(loadedBuiltins);
      const forkOnly = loaded.filter((m) => ['child_process', 'net', 'dgram'].includes(m));
      if (ctx.backend === 'worker_threads') expect(forkOnly).toEqual([]);
      // Node itself loads node:child_process in a forked child, to run its IPC channel.
      else expect(forkOnly).toContain('child_process');
    });

    // weft times tasks and waits with process.hrtime: the first touch of `performance` in a
    // thread or process loads all of perf_hooks, ~0.65 ms of every worker's start.
    test('a worker starts and runs tasks without loading perf_hooks', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      await pool.submit(loadedBuiltins);
      const loaded: string[] = await pool.submit(loadedBuiltins);
      // (Node's own bootstrap loads internal/perf/utils and the event-loop utilization parts.)
      expect(loaded.filter((m) => m === 'perf_hooks' || m === 'internal/perf/performance')).toEqual([]);
    });
  });
}
