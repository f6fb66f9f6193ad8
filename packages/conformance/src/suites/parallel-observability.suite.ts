// pool.stats(), recycling and idle exit, taskSignal() and cooperative cancellation, async tasks
// and the concurrency option (API.md "Observability and cooperative cancellation"; issue 4, items 5-8).
import { afterEach, describe, expect, test } from 'vitest';
import { Barrier, CancelledError, Event, Queue, WorkerPoolExecutor, activeChildren, taskSignal, type PoolStats } from '@weft/core';
import { busyFor, failOn, holdUntil, meetAtBarrier, spinThenFail, squareLater, squarePlus, startedThenWait, stopWhenAsked, whereAmI } from '../fixtures/parallel-tasks.mjs';
import type { ConformanceContext } from '../support/context.js';
import { errorOf, rejectionOf } from '../support/error-of.js';
import { PROMPT_MS } from '../support/limits.js';
import { drainLog, eventually, range, takeFromLog } from '../support/parallel-helpers.js';
import { within } from '../support/within.js';

function accounted(s: PoolStats): number {
  return s.queued + s.running + s.completed + s.failed + s.cancelled;
}

function expectOrderedSummary(s: PoolStats['runTime']): void {
  expect(s.min).toBeLessThanOrEqual(s.p50);
  expect(s.p50).toBeLessThanOrEqual(s.p99);
  expect(s.p99).toBeLessThanOrEqual(s.max);
  expect(s.mean).toBeGreaterThanOrEqual(s.min);
  expect(s.mean).toBeLessThanOrEqual(s.max);
}

export function parallelObservabilitySuite(_ctx: ConformanceContext): void {
  const open = new Set<WorkerPoolExecutor>();
  const make = (options?: ConstructorParameters<typeof WorkerPoolExecutor>[0]) => {
    const pool = new WorkerPoolExecutor(options);
    open.add(pool);
    return pool;
  };
  afterEach(async () => {
    const pools = [...open];
    open.clear();
    await Promise.all(pools.map((p) => p.shutdown({ wait: false, cancelFutures: true })));
  });

  describe('stats()', () => {
    test('a fresh pool: zero counts, no workers (they start lazily)', () => {
      const s = make({ maxWorkers: 2 }).stats();
      expect(s).toMatchObject({ queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0, workers: 0 });
      expect(s.runTime).toEqual({ count: 0, min: 0, mean: 0, p50: 0, p99: 0, max: 0 });
    });

    test('queued and running while a task blocks the only worker; the counts add up at every step', async () => {
      const pool = make({ maxWorkers: 1 });
      const started = new Event();
      const release = new Event();
      const log = new Queue<unknown>();
      const blocker = pool.submit(startedThenWait, started, release, log, 'b');
      const waiting = range(5).map((i) => pool.submit(squarePlus, i));
      await within(started.wait({ timeout: PROMPT_MS }), 'the blocker starting');
      let s = pool.stats();
      expect(s).toMatchObject({ queued: 5, running: 1, completed: 0, workers: 1 });
      expect(accounted(s)).toBe(6);
      // cancel two that have not started
      expect(waiting[3]!.cancel()).toBe(true);
      expect(waiting[4]!.cancel()).toBe(true);
      s = pool.stats();
      expect(s).toMatchObject({ queued: 3, running: 1, cancelled: 2 });
      release.set();
      await blocker;
      await Promise.all(waiting.slice(0, 3));
      s = pool.stats();
      expect(s).toMatchObject({ queued: 0, running: 0, completed: 4, failed: 0, cancelled: 2, workers: 1 });
      expect(accounted(s)).toBe(6);
    });

    test('completed, failed and cancelled after a mix of submits and a failing map, counted per item', async () => {
      const pool = make({ maxWorkers: 2 });
      await Promise.all(range(10).map((i) => pool.submit(squarePlus, i)));
      await Promise.all(range(3).map((i) => rejectionOf(pool.submit(failOn, i, i))));
      expect(await pool.map(squarePlus, range(100), { chunksize: 10 })).toHaveLength(100);
      let s = pool.stats();
      expect(s).toMatchObject({ queued: 0, running: 0, completed: 110, failed: 3, cancelled: 0 });
      expect(s.runTime.count).toBe(113);
      expect(s.waitTime.count).toBe(113);
      expectOrderedSummary(s.runTime);
      expectOrderedSummary(s.waitTime);
      // a map of 4 chunks of 10 whose item 15 fails: the chunk's items before it completed,
      // the one failed, the rest of the chunk and what had not started are cancelled
      const err = await rejectionOf(pool.starmap(failOn, range(40).map((i) => [i, 15]), { chunksize: 10 }));
      expect(err).toBeInstanceOf(RangeError);
      await eventually(() => pool.stats().running === 0, 'the map chunks still running to finish');
      s = pool.stats();
      expect(s.failed).toBe(4);
      expect(s.queued).toBe(0);
      expect(accounted(s)).toBe(113 + 40);
    });

    test('run-time summaries reflect how long tasks ran (ms)', async () => {
      const pool = make({ maxWorkers: 1 });
      await pool.submit(busyFor, 40);
      await pool.submit(busyFor, 5);
      const s = pool.stats();
      expect(s.runTime.count).toBe(2);
      expect(s.runTime.max).toBeGreaterThanOrEqual(40);
      expect(s.runTime.min).toBeGreaterThanOrEqual(5);
      expect(s.runTime.min).toBeLessThan(s.runTime.max);
      expect(s.waitTime.count).toBe(2);
    });
  });

  describe('recycling and idle exit', () => {
    test('maxTasksPerWorker: worker idents change every N tasks, and retired workers exit', async () => {
      const pool = make({ maxWorkers: 1, maxTasksPerWorker: 3 });
      const results = [];
      for (const i of range(9)) results.push(await pool.submit(whereAmI, i));
      const idents = results.map((r) => r.ident);
      expect(new Set(idents.slice(0, 3)).size).toBe(1);
      expect(new Set(idents.slice(3, 6)).size).toBe(1);
      expect(new Set(idents.slice(6, 9)).size).toBe(1);
      expect(new Set(idents).size).toBe(3);
      await eventually(() => !activeChildren().some((c) => c.ident === idents[0] || c.ident === idents[3]), 'the retired workers exiting');
    });

    test('idleTimeout: idle workers exit, and the next task starts a new one', async () => {
      const pool = make({ maxWorkers: 2, idleTimeout: 50 });
      const first = await pool.map(whereAmI, range(4), { chunksize: 1 });
      const idents = new Set(first.map((r) => r.ident));
      await eventually(() => pool.stats().workers === 0, 'the idle workers exiting');
      expect(activeChildren().some((c) => idents.has(c.ident))).toBe(false);
      const next = await pool.submit(whereAmI, 9);
      expect(idents.has(next.ident)).toBe(false);
    });
  });

  describe('taskSignal() and cooperative cancellation', () => {
    test('aborting a running task fires its taskSignal(); a task that stops on it keeps its worker', async () => {
      const pool = make({ maxWorkers: 1, abortGracePeriod: 5_000 });
      const started = new Event();
      const log = new Queue<unknown>();
      const controller = new AbortController();
      const first = await pool.submit(whereAmI, 0);
      const f = pool.submitWith({ signal: controller.signal }, stopWhenAsked, started, log);
      await within(started.wait({ timeout: PROMPT_MS }), 'the task starting');
      controller.abort();
      const err = await within(rejectionOf(f), 'the future rejecting');
      expect(err).toBeInstanceOf(Error);
      expect(await takeFromLog(log, () => true, 'the task stopping')).toEqual(['stopped: CancelledError']);
      // it stopped by itself, well within the grace period: the same worker runs the next task
      expect((await pool.submit(whereAmI, 1)).ident).toBe(first.ident);
    });

    test('a running task that ignores its signal is terminated after the grace period; only that worker', async () => {
      const pool = make({ maxWorkers: 2, abortGracePeriod: 100 });
      const otherStarted = new Event();
      const otherRelease = new Event();
      const otherLog = new Queue<unknown>();
      const spinStarted = new Event();
      const spinLog = new Queue<unknown>();
      try {
        const other = pool.submit(startedThenWait, otherStarted, otherRelease, otherLog, 'kept');
        await within(otherStarted.wait({ timeout: PROMPT_MS }), 'the other task starting');
        const controller = new AbortController();
        const spinning = pool.submitWith({ signal: controller.signal }, spinThenFail, 0, spinStarted, spinLog);
        await within(spinStarted.wait({ timeout: PROMPT_MS }), 'the spinning task starting');
        const [spinIdent] = await takeFromLog(spinLog, () => true, 'the spinner ident');
        controller.abort();
        await within(rejectionOf(spinning), 'the spinning task rejecting');
        await eventually(() => !activeChildren().some((c) => c.ident === spinIdent), 'the spinning worker being terminated');
        otherRelease.set();
        const kept = await within(other, 'the other task finishing');
        expect(kept.value).toBe('kept');
        expect(drainLog(otherLog)).toEqual([kept.ident]); // ran once, on its first worker
        expect(await pool.submit(squarePlus, 3)).toBe(9);
      } finally {
        otherRelease.set();
      }
    });

    // concurrency > 1: another caller's task may run in the same worker as the aborted one.
    test('a task that ignores its signal never gets a worker killed while another caller\'s task runs there: that task finishes once, then the worker goes', async () => {
      const pool = make({ maxWorkers: 1, concurrency: 2, abortGracePeriod: 50 });
      const stuckStarted = new Event();
      const stuckRelease = new Event(); // never set before the end: the stuck task ignores its signal
      const stuckLog = new Queue<unknown>();
      const otherStarted = new Event();
      const otherRelease = new Event();
      const otherLog = new Queue<unknown>();
      try {
        const controller = new AbortController();
        const stuck = pool.submitWith({ signal: controller.signal }, startedThenWait, stuckStarted, stuckRelease, stuckLog, 'stuck');
        await within(stuckStarted.wait({ timeout: PROMPT_MS }), 'the stuck task starting');
        // started after the stuck one, in the same (only) worker
        const other = pool.submit(startedThenWait, otherStarted, otherRelease, otherLog, 'kept');
        await within(otherStarted.wait({ timeout: PROMPT_MS }), 'the other caller\'s task starting');
        const [ident] = await takeFromLog(otherLog, () => true, 'the other caller\'s task logging its ident');
        expect(await takeFromLog(stuckLog, () => true, 'the stuck task logging its ident')).toEqual([ident]);
        const reason = new Error('give up');
        controller.abort(reason);
        const err = await within(rejectionOf(stuck), 'the aborted task rejecting');
        expect(err).toBeInstanceOf(CancelledError);
        expect((err as Error).cause).toBe(reason);
        // The only worker is full, so this runs only once the grace period has passed and the
        // worker was retired: on a replacement, while the other caller's task still runs.
        const next = await within(pool.submit(whereAmI, 'next'), 'a new task running on a replacement worker');
        expect(next.ident).not.toBe(ident);
        expect(other.done()).toBe(false);
        expect(activeChildren().some((c) => c.ident === ident)).toBe(true);
        otherRelease.set();
        expect(await within(other, 'the other caller\'s task finishing')).toEqual({ value: 'kept', ident });
        expect(drainLog(otherLog)).toEqual([]); // it ran once: no second start anywhere
        // The stuck task still ignores its signal: with nothing else running there, the worker is terminated.
        await eventually(() => !activeChildren().some((c) => c.ident === ident), 'the retired worker being terminated');
        expect(drainLog(stuckLog)).toEqual([]);
        expect(await pool.submit(squarePlus, 4)).toBe(16);
        expect(pool.stats()).toMatchObject({ workers: 1, running: 0, queued: 0 });
      } finally {
        otherRelease.set();
        stuckRelease.set();
      }
    });

    test('with concurrency, a task that ignores its signal alone in its worker still gets that worker terminated after the grace period', async () => {
      const pool = make({ maxWorkers: 1, concurrency: 2, abortGracePeriod: 50 });
      const started = new Event();
      const release = new Event();
      const log = new Queue<unknown>();
      try {
        const controller = new AbortController();
        const stuck = pool.submitWith({ signal: controller.signal }, startedThenWait, started, release, log, 'stuck');
        await within(started.wait({ timeout: PROMPT_MS }), 'the stuck task starting');
        const [ident] = await takeFromLog(log, () => true, 'the stuck task logging its ident');
        controller.abort();
        expect(await within(rejectionOf(stuck), 'the aborted task rejecting')).toBeInstanceOf(CancelledError);
        await eventually(() => !activeChildren().some((c) => c.ident === ident), 'the stuck task\'s worker being terminated');
        const after = await pool.submit(whereAmI, 'after');
        expect(after.ident).not.toBe(ident);
      } finally {
        release.set();
      }
    });

    test('taskSignal() outside a task is an error that says where to call it', async () => {
      const err = await errorOf(() => taskSignal());
      expect((err as Error).message).toMatch(/outside a running weft task/);
    });

    test('shutdown with cancelFutures cancels queued work with CancelledError', async () => {
      const pool = make({ maxWorkers: 1 });
      const release = new Event();
      const running = pool.submit(holdUntil, release, 'r');
      const queued = pool.submit(squarePlus, 2);
      await eventually(() => pool.stats().running === 1, 'the first task running');
      const done = pool.shutdown({ cancelFutures: true });
      expect(await rejectionOf(queued)).toBeInstanceOf(CancelledError);
      release.set();
      expect(await running).toBe('r');
      await within(done, 'shutdown');
    });
  });

  describe('async tasks and concurrency', () => {
    test('async task functions are awaited: the result is the value, not a promise', async () => {
      const pool = make({ maxWorkers: 2 });
      expect(await pool.submit(squareLater, 6)).toBe(36);
      expect(await pool.map(squareLater, range(10))).toEqual(range(10).map((x) => x * x));
    });

    test('concurrency: one worker runs several async tasks at once (they meet at a Barrier)', async () => {
      const pool = make({ maxWorkers: 1, concurrency: 4 });
      const barrier = new Barrier(4);
      const idents = await within(Promise.all(range(4).map(() => pool.submit(meetAtBarrier, barrier))), 'four tasks meeting at the barrier');
      expect(new Set(idents).size).toBe(1);
      expect(pool.stats().workers).toBe(1);
    });

    test('concurrency is validated', () => {
      expect(() => new WorkerPoolExecutor({ concurrency: 0 })).toThrow(/options\.concurrency/);
    });
  });
}
