import { describe, expect, test } from 'vitest';
import { CancelledError, Event, type Future, TimeoutError, asCompleted, wait } from '@weft/core';
import { add } from '../fixtures/arithmetic.mjs';
import { throwRangeError } from '../fixtures/throw-with-cause.mjs';
import { signalThenWait, waitForEventThenReturn } from '../fixtures/wait-for-event.mjs';
import type { ConformanceContext } from '../support/context.js';
import { rejectionOf } from '../support/error-of.js';
import { PROMPT_MS } from '../support/limits.js';
import { poolPerTest } from '../support/pools.js';

/**
 * What addDoneCallback() calls back with, in a box: a Future is a thenable, so resolving a
 * promise with it (or returning it from an async function) would adopt its result instead.
 */
function calledBackWith(future: Future<unknown>): Promise<{ future: unknown }> {
  return new Promise((resolve) => future.addDoneCallback((f: unknown) => resolve({ future: f })));
}

export function futuresSuite(_ctx: ConformanceContext): void {
  describe('Future', () => {
    const pools = poolPerTest();

    test('await future resolves with the result; a Future is PromiseLike and reports done()', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const future = pool.submit(add, 1, 2);
      expect(typeof future.then).toBe('function');
      expect(await future).toBe(3);
      expect(await future.result()).toBe(3);
      expect(future.done()).toBe(true);
      expect(future.running()).toBe(false);
      expect(future.cancelled()).toBe(false);
    });

    test('running() turns true once a worker has taken the task; from then on cancel() returns false', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const started = new Event();
      const release = new Event();
      const future = pool.submit(signalThenWait, started, release, 'finished');
      expect(await started.wait({ timeout: PROMPT_MS })).toBe(true);
      expect(future.running()).toBe(true);
      expect(future.done()).toBe(false);
      expect(future.cancel()).toBe(false);
      expect(future.cancelled()).toBe(false);
      release.set();
      expect(await future).toBe('finished');
      expect(future.running()).toBe(false);
      expect(future.done()).toBe(true);
    });

    test('cancel() returns true exactly for futures that have not started; they reject with CancelledError', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const started = new Event();
      const release = new Event();
      const blocker = pool.submit(signalThenWait, started, release, 'blocker');
      await started.wait({ timeout: PROMPT_MS });
      const queued = Array.from({ length: 8 }, (_, i) => pool.submit(add, i, 100));
      const outcomes = queued.map((future) => {
        const wasRunning = future.running();
        return { future, wasRunning, cancelledNow: future.cancel() };
      });
      for (const { future, wasRunning, cancelledNow } of outcomes) {
        expect(cancelledNow).toBe(!wasRunning);
        expect(future.cancelled()).toBe(cancelledNow);
      }
      // The one queued last cannot have been taken by a worker busy with the blocker.
      const last = outcomes.at(-1)!;
      expect(last.cancelledNow).toBe(true);
      expect(last.future.done()).toBe(true);
      expect(last.future.running()).toBe(false);
      expect(await rejectionOf(last.future)).toBeInstanceOf(CancelledError);
      expect(await rejectionOf(last.future.result())).toBeInstanceOf(CancelledError);
      expect(await rejectionOf(last.future.exception())).toBeInstanceOf(CancelledError);
      release.set();
      expect(await blocker).toBe('blocker');
      for (const { future, cancelledNow } of outcomes) {
        if (!cancelledNow) expect(await future).toBe(queued.indexOf(future) + 100);
      }
    });

    test('cancel() of an already cancelled future returns true again; of a finished one, false', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const started = new Event();
      const release = new Event();
      pool.submit(signalThenWait, started, release, 'blocker');
      await started.wait({ timeout: PROMPT_MS });
      const queued = pool.submit(add, 1, 1);
      expect(queued.cancel()).toBe(true);
      expect(queued.cancel()).toBe(true);
      release.set();
      const finished = pool.submit(add, 2, 2);
      expect(await finished).toBe(4);
      expect(finished.cancel()).toBe(false);
      expect(finished.cancelled()).toBe(false);
    });

    test('result({ timeout }) rejects with TimeoutError while the task runs on, and it still completes', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const release = new Event();
      const future = pool.submit(waitForEventThenReturn, release, 'late');
      expect(await rejectionOf(future.result({ timeout: 30 }))).toBeInstanceOf(TimeoutError);
      expect(future.done()).toBe(false);
      expect(future.cancelled()).toBe(false);
      release.set();
      expect(await future.result({ timeout: PROMPT_MS })).toBe('late');
    });

    test('a failed task rejects result() with its error, and exception() resolves with that error', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const future = pool.submit(throwRangeError, 'no good');
      const rejected = await rejectionOf(future.result());
      expect(rejected).toBeInstanceOf(RangeError);
      const exception = await future.exception();
      expect(exception).toBeInstanceOf(RangeError);
      expect((exception as Error).message).toBe('no good');
      expect(future.done()).toBe(true);
    });

    test('exception() of a successful task resolves with no error', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const future = pool.submit(add, 1, 1);
      await future;
      // Python returns None; API.md does not say null or undefined, so accept either.
      expect((await future.exception()) == null).toBe(true);
    });

    test('exception({ timeout }) rejects with TimeoutError while the task runs', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const release = new Event();
      const future = pool.submit(waitForEventThenReturn, release, 'late');
      expect(await rejectionOf(future.exception({ timeout: 30 }))).toBeInstanceOf(TimeoutError);
      release.set();
      await future;
    });

    test('addDoneCallback() calls back with the future when it completes, fails or is cancelled', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const succeeded = pool.submit(add, 1, 2);
      const failed = pool.submit(throwRangeError, 'x');
      const started = new Event();
      const release = new Event();
      pool.submit(signalThenWait, started, release, 'blocker');
      await started.wait({ timeout: PROMPT_MS });
      const cancelled = pool.submit(add, 3, 4);
      const calls = [succeeded, failed, cancelled].map(calledBackWith);
      cancelled.cancel();
      release.set();
      const [a, b, c] = await Promise.all(calls);
      expect(a?.future).toBe(succeeded);
      expect(b?.future).toBe(failed);
      expect(c?.future).toBe(cancelled);
    });

    test('addDoneCallback() on a future that is already done calls back too', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const future = pool.submit(add, 5, 5);
      await future;
      expect((await calledBackWith(future)).future).toBe(future);
    });

    test('a done callback that throws does not keep the other callbacks from running', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const release = new Event();
      const future = pool.submit(waitForEventThenReturn, release, 'v');
      future.addDoneCallback(() => {
        throw new Error('a faulty callback');
      });
      const second = calledBackWith(future);
      release.set();
      expect((await second).future).toBe(future);
      expect(await future).toBe('v');
    });
  });

  describe('wait()', () => {
    const pools = poolPerTest();

    test('by default (ALL_COMPLETED) it resolves once every future is done', async () => {
      const pool = pools.open({ maxWorkers: 2 });
      const futures = [pool.submit(add, 1, 1), pool.submit(throwRangeError, 'fails'), pool.submit(add, 2, 2)];
      const { done, notDone } = await wait(futures);
      expect(done).toBeInstanceOf(Set);
      expect(notDone).toBeInstanceOf(Set);
      expect([...done].sort((a, b) => futures.indexOf(a) - futures.indexOf(b))).toEqual(futures);
      expect(notDone.size).toBe(0);
    });

    test('FIRST_COMPLETED resolves as soon as one future is done', async () => {
      const pool = pools.open({ maxWorkers: 2 });
      const release = new Event();
      const blocked = pool.submit(waitForEventThenReturn, release, 'blocked');
      const quick = pool.submit(add, 1, 2);
      const { done, notDone } = await wait([blocked, quick], { returnWhen: 'FIRST_COMPLETED' });
      expect([...done]).toEqual([quick]);
      expect([...notDone]).toEqual([blocked]);
      release.set();
      await blocked;
    });

    test('FIRST_EXCEPTION resolves at the first failure', async () => {
      const pool = pools.open({ maxWorkers: 2 });
      const release = new Event();
      const blocked = pool.submit(waitForEventThenReturn, release, 'blocked');
      const failing = pool.submit(throwRangeError, 'first failure');
      const { done, notDone } = await wait([blocked, failing], { returnWhen: 'FIRST_EXCEPTION' });
      expect([...done]).toEqual([failing]);
      expect([...notDone]).toEqual([blocked]);
      release.set();
      await blocked;
    });

    test('FIRST_EXCEPTION with no failure resolves once all are done', async () => {
      const pool = pools.open({ maxWorkers: 2 });
      const futures = [pool.submit(add, 1, 1), pool.submit(add, 2, 2)];
      const { done, notDone } = await wait(futures, { returnWhen: 'FIRST_EXCEPTION' });
      expect(done.size).toBe(2);
      expect(notDone.size).toBe(0);
    });

    test('with a timeout it resolves with what is done so far instead of rejecting', async () => {
      const pool = pools.open({ maxWorkers: 2 });
      const release = new Event();
      const finished = pool.submit(add, 1, 2);
      await finished;
      const blocked = pool.submit(waitForEventThenReturn, release, 'blocked');
      const { done, notDone } = await wait([finished, blocked], { timeout: 50 });
      expect([...done]).toEqual([finished]);
      expect([...notDone]).toEqual([blocked]);
      release.set();
      await blocked;
    });
  });

  describe('asCompleted()', () => {
    const pools = poolPerTest();

    test('yields each Future itself, in the order they complete', async () => {
      const pool = pools.open({ maxWorkers: 2 });
      const releaseA = new Event();
      const releaseB = new Event();
      const a = pool.submit(waitForEventThenReturn, releaseA, 'a');
      const b = pool.submit(waitForEventThenReturn, releaseB, 'b');
      releaseB.set();
      const order: unknown[] = [];
      for await (const future of asCompleted([a, b])) {
        order.push(future);
        if (order.length === 1) releaseA.set();
      }
      expect(order).toEqual([b, a]);
      expect(order[0]).toBe(b);
      expect(order[1]).toBe(a);
    });

    test('yields futures that are already done, then the rest as they complete', async () => {
      const pool = pools.open({ maxWorkers: 2 });
      const done = pool.submit(add, 1, 1);
      await done;
      const release = new Event();
      const pending = pool.submit(waitForEventThenReturn, release, 'later');
      const order: unknown[] = [];
      for await (const future of asCompleted([pending, done])) {
        order.push(future);
        if (order.length === 1) release.set();
      }
      expect(order[0]).toBe(done);
      expect(order[1]).toBe(pending);
    });

    test('with a timeout it throws TimeoutError once the rest are not done in time', async () => {
      const pool = pools.open({ maxWorkers: 2 });
      const done = pool.submit(add, 1, 1);
      await done;
      const release = new Event();
      const pending = pool.submit(waitForEventThenReturn, release, 'never in time');
      const yielded: unknown[] = [];
      const err = await rejectionOf(
        (async () => {
          for await (const future of asCompleted([done, pending], { timeout: 50 })) yielded.push(future);
        })(),
      );
      expect(err).toBeInstanceOf(TimeoutError);
      expect(yielded).toEqual([done]);
      release.set();
      await pending;
    });
  });
}
