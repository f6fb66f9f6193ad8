import { describe, expect, test } from 'vitest';
import { AbortError, Barrier, BrokenBarrierError, WorkerCrashedError } from '@weft/core';
import { exitWorkerAsAction, waitAtBarrier } from '../fixtures/barrier-tasks.mjs';
import type { ConformanceContext } from '../support/context.js';
import { rejectionOf } from '../support/error-of.js';
import { PROMPT_MS } from '../support/limits.js';
import { poolPerTest } from '../support/pools.js';
import { waitUntil } from '../support/wait-until.js';

export function barrierSuite(_ctx: ConformanceContext): void {
  describe('Barrier', () => {
    const pools = poolPerTest();

    describe('in the creating thread', () => {
      test('wait() resolves for every party once all have arrived, each with a distinct arrival index', async () => {
        const barrier = new Barrier(3);
        expect(barrier.parties).toBe(3);
        const first = barrier.wait();
        const second = barrier.wait();
        expect(barrier.nWaiting).toBe(2);
        const third = barrier.wait();
        const indices = await Promise.all([first, second, third]);
        expect(new Set(indices)).toEqual(new Set([0, 1, 2]));
        expect(barrier.nWaiting).toBe(0);
        expect(barrier.broken).toBe(false);
      });

      test('the barrier can be used again after it released its parties', async () => {
        const barrier = new Barrier(2);
        await Promise.all([barrier.wait(), barrier.wait()]);
        const again = await Promise.all([barrier.wait(), barrier.wait()]);
        expect(new Set(again)).toEqual(new Set([0, 1]));
      });

      test('the action runs once when the last party arrives, before the parties are released', async () => {
        const calls: number[] = [];
        let released = 0;
        const barrier = new Barrier(2, { action: () => calls.push(released) });
        await Promise.all([barrier.wait().then(() => released++), barrier.wait().then(() => released++)]);
        expect(calls).toEqual([0]);
      });

      test('an action that throws breaks the barrier: every party rejects with BrokenBarrierError', async () => {
        const barrier = new Barrier(2, {
          action: () => {
            throw new Error('action failed');
          },
        });
        const outcomes = await Promise.allSettled([barrier.wait(), barrier.wait()]);
        const reasons = outcomes.map((outcome) => {
          expect(outcome.status).toBe('rejected');
          return (outcome as PromiseRejectedResult).reason as Error;
        });
        for (const reason of reasons) {
          expect(reason).toBeInstanceOf(BrokenBarrierError);
          expect(reason.message).toMatch(/the barrier action threw/);
        }
        // the party that ran the action has its error as the cause
        expect(reasons.map((r) => (r.cause as Error | undefined)?.message)).toContain('action failed');
        expect(barrier.broken).toBe(true);
      });

      test('a wait that times out breaks the barrier for everyone with BrokenBarrierError', async () => {
        const barrier = new Barrier(3);
        const other = barrier.wait();
        const timedOut = barrier.wait({ timeout: 30 });
        const [mine, theirs] = [(await rejectionOf(timedOut)) as Error, (await rejectionOf(other)) as Error];
        expect(mine).toBeInstanceOf(BrokenBarrierError);
        expect(mine.message).toMatch(/timed out after 30 ms waiting for 3 parties/);
        expect(theirs).toBeInstanceOf(BrokenBarrierError);
        expect(theirs.message).toMatch(/timed out/);
        expect(barrier.broken).toBe(true);
        expect(await rejectionOf(barrier.wait())).toBeInstanceOf(BrokenBarrierError);
      });

      test('the timeout option of the constructor is the default timeout of wait()', async () => {
        const barrier = new Barrier(2, { timeout: 30 });
        expect(await rejectionOf(barrier.wait())).toBeInstanceOf(BrokenBarrierError);
        expect(barrier.broken).toBe(true);
      });

      test('abort() breaks the barrier: waiting parties reject with BrokenBarrierError', async () => {
        const barrier = new Barrier(2);
        const waiting = barrier.wait();
        barrier.abort();
        const error = (await rejectionOf(waiting)) as Error;
        expect(error).toBeInstanceOf(BrokenBarrierError);
        expect(error.message).toMatch(/the barrier was aborted/);
        expect(barrier.broken).toBe(true);
      });

      test('reset() breaks the current waiters and makes the barrier usable again', async () => {
        const barrier = new Barrier(2);
        const waiting = barrier.wait();
        barrier.reset();
        const error = (await rejectionOf(waiting)) as Error;
        expect(error).toBeInstanceOf(BrokenBarrierError);
        expect(error.message).toMatch(/the barrier was reset while parties waited/);
        expect(barrier.broken).toBe(false);
        const indices = await Promise.all([barrier.wait(), barrier.wait()]);
        expect(new Set(indices)).toEqual(new Set([0, 1]));
      });

      test('an aborted wait() rejects and breaks the barrier', async () => {
        const barrier = new Barrier(2);
        const controller = new AbortController();
        const pending = barrier.wait({ signal: controller.signal });
        controller.abort(new Error('leaving'));
        // Like every other wait, an aborted one rejects with AbortError; like a timeout, it breaks the barrier.
        expect(await rejectionOf(pending)).toBeInstanceOf(AbortError);
        expect(barrier.broken).toBe(true);
      });

      test('parties must be a positive integer (RangeError naming it)', () => {
        expect(() => new Barrier(0)).toThrow(RangeError);
        expect(() => new Barrier(0)).toThrow(/parties/);
      });
    });

    describe('shared with workers', () => {
      test('parties in two workers and here all pass together, with indices 0, 1 and 2', async () => {
        const pool = pools.open({ maxWorkers: 2 });
        const barrier = new Barrier(3);
        const inWorkers = [pool.submit(waitAtBarrier, barrier, PROMPT_MS), pool.submit(waitAtBarrier, barrier, PROMPT_MS)];
        const here = await barrier.wait({ timeout: PROMPT_MS });
        const there = (await Promise.all(inWorkers)).map((r) => r.index);
        expect(new Set([here, ...there])).toEqual(new Set([0, 1, 2]));
      });

      test('a barrier broken here breaks it for the workers waiting on it', async () => {
        const pool = pools.open({ maxWorkers: 2 });
        const barrier = new Barrier(3);
        const inWorkers = [pool.submit(waitAtBarrier, barrier, PROMPT_MS), pool.submit(waitAtBarrier, barrier, PROMPT_MS)];
        // Break it only once both workers wait: nWaiting is exact in the creating thread/process.
        await waitUntil(() => barrier.nWaiting === 2, 'both workers waiting at the barrier');
        barrier.abort();
        expect(await Promise.all(inWorkers)).toEqual([{ error: 'BrokenBarrierError' }, { error: 'BrokenBarrierError' }]);
      });

      test('when the worker running the action exits, the parties waiting get BrokenBarrierError saying so', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const barrier = new Barrier(2, { action: exitWorkerAsAction });
        const here = barrier.wait({ timeout: PROMPT_MS });
        // arrive here first, so that the worker arrives last and runs the action
        await waitUntil(() => barrier.nWaiting === 1, 'this thread waiting at the barrier');
        const inWorker = pool.submit(waitAtBarrier, barrier, PROMPT_MS);
        expect(await rejectionOf(inWorker)).toBeInstanceOf(WorkerCrashedError);
        const error = (await rejectionOf(here)) as Error;
        expect(error).toBeInstanceOf(BrokenBarrierError);
        expect(error.message).toMatch(/the worker running the barrier action exited/);
        expect(barrier.broken).toBe(true);
      });
    });
  });
}
