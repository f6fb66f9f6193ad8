import { describe, expect, test } from 'vitest';
import { AbortError, Condition, Event, Lock, LockNotOwnedError, RLock, Semaphore } from '@weft/core';
import { notifyAllUnderLock, notifyUnderLock, waitForNotify } from '../fixtures/condition-tasks.mjs';
import { waitForEventUnderCondition } from '../fixtures/snapshot-tasks.mjs';
import type { ConformanceContext } from '../support/context.js';
import { errorOf, rejectionOf } from '../support/error-of.js';
import { ABSENCE_WINDOW_MS, PROMPT_MS } from '../support/limits.js';
import { poolPerTest } from '../support/pools.js';
import { staysPending } from '../support/within.js';
import { TIMER_SLACK_MS, timed } from '../support/timing.js';

/** A waiter in this thread that counts itself in on `waiting` while holding the lock, then waits. */
async function waitHere(condition: Condition, waiting: Semaphore, timeout: number): Promise<boolean> {
  await condition.acquire();
  try {
    waiting.release();
    return await condition.wait({ timeout });
  } finally {
    condition.release();
  }
}

export function conditionSuite(_ctx: ConformanceContext): void {
  describe('Condition', () => {
    const pools = poolPerTest();

    describe('in the creating thread', () => {
      test('wait() without holding the lock rejects with LockNotOwnedError; notify() and notifyAll() throw it, each naming itself', async () => {
        const condition = new Condition();
        expect(await errorOf(() => condition.wait({ timeout: 10 }))).toBeInstanceOf(LockNotOwnedError);
        expect(() => condition.notify()).toThrow(LockNotOwnedError);
        expect(() => condition.notify()).toThrow(/^Condition\.notify\(\)/);
        expect(() => condition.notifyAll()).toThrow(LockNotOwnedError);
        expect(() => condition.notifyAll()).toThrow(/^Condition\.notifyAll\(\)/);
      });

      test('acquire() and release() act on the lock it was given', async () => {
        const lock = new Lock();
        const condition = new Condition(lock);
        expect(await condition.acquire()).toBe(true);
        expect(lock.locked()).toBe(true);
        condition.release();
        expect(lock.locked()).toBe(false);
      });

      test('wait({ timeout }) resolves false after the timeout, holding the lock again', async () => {
        const lock = new Lock();
        const condition = new Condition(lock);
        await condition.acquire();
        const { value, ms } = await timed(() => condition.wait({ timeout: 40 }));
        expect(value).toBe(false);
        expect(ms).toBeGreaterThanOrEqual(40 - TIMER_SLACK_MS);
        expect(lock.locked()).toBe(true);
        condition.release();
      });

      test('wait() releases the lock while waiting, and notify() wakes the waiter', async () => {
        const lock = new Lock();
        const condition = new Condition(lock);
        const waiting = new Semaphore(0);
        const waiter = waitHere(condition, waiting, PROMPT_MS);
        await waiting.acquire({ timeout: PROMPT_MS });
        // The waiter is inside wait(), so the lock is free for us.
        expect(await condition.acquire({ timeout: PROMPT_MS })).toBe(true);
        condition.notify();
        condition.release();
        expect(await waiter).toBe(true);
        expect(lock.locked()).toBe(false);
      });

      test('notify(1) wakes exactly one of two waiters; notifyAll() wakes the rest', async () => {
        // Two parties in one thread need a plain Lock: an RLock (Python's default for Condition)
        // is owned per worker, so both would count as its owner.
        const condition = new Condition(new Lock());
        const waiting = new Semaphore(0);
        const results: boolean[] = [];
        const waiters = [0, 1].map(() => waitHere(condition, waiting, PROMPT_MS).then((r) => results.push(r)));
        await waiting.acquire({ timeout: PROMPT_MS });
        await waiting.acquire({ timeout: PROMPT_MS });
        await condition.acquire();
        condition.notify(1);
        condition.release();
        await Promise.race(waiters);
        expect(results).toEqual([true]);
        // Negative check, with the lock free (a wrongly woken waiter needs it to return): the
        // second waiter stays asleep without a second notify.
        expect(await staysPending(Promise.all(waiters), ABSENCE_WINDOW_MS)).toBe(true);
        await condition.acquire();
        condition.notifyAll();
        condition.release();
        await Promise.all(waiters);
        expect(results).toEqual([true, true]);
      });

      test('waitFor(predicate) resolves with the predicate value once it is truthy after a notify', async () => {
        const condition = new Condition(new Lock()); // two parties in one thread: see above
        let stock = 0;
        const consumer = (async () => {
          await condition.acquire();
          try {
            return await condition.waitFor(() => stock >= 2 && stock, { timeout: PROMPT_MS });
          } finally {
            condition.release();
          }
        })();
        for (let i = 0; i < 2; i++) {
          await condition.acquire();
          stock++;
          condition.notifyAll();
          condition.release();
        }
        expect(await consumer).toBe(2);
      });

      test('waitFor() with a timeout resolves with the last falsy predicate value', async () => {
        const condition = new Condition();
        await condition.acquire();
        expect(await condition.waitFor(() => 0, { timeout: 30 })).toBe(0);
        condition.release();
      });

      test('an aborted wait() rejects with AbortError and holds the lock again', async () => {
        const lock = new Lock();
        const condition = new Condition(lock);
        await condition.acquire();
        const controller = new AbortController();
        const pending = condition.wait({ signal: controller.signal });
        controller.abort(new Error('stop waiting'));
        expect(await rejectionOf(pending)).toBeInstanceOf(AbortError);
        expect(lock.locked()).toBe(true);
        condition.release();
      });
    });

    describe('shared with workers', () => {
      test('notify() here wakes a worker waiting on the Condition', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const condition = new Condition();
        const waiting = new Semaphore(0);
        const waiter = pool.submit(waitForNotify, condition, waiting, PROMPT_MS);
        expect(await waiting.acquire({ timeout: PROMPT_MS })).toBe(true);
        await condition.acquire();
        condition.notify();
        condition.release();
        expect(await waiter).toBe(true);
      });

      test('notifyAll() here wakes every worker waiting on the Condition', async () => {
        const pool = pools.open({ maxWorkers: 2 });
        const condition = new Condition();
        const waiting = new Semaphore(0);
        const waiters = [pool.submit(waitForNotify, condition, waiting, PROMPT_MS), pool.submit(waitForNotify, condition, waiting, PROMPT_MS)];
        await waiting.acquire({ timeout: PROMPT_MS });
        await waiting.acquire({ timeout: PROMPT_MS });
        await condition.acquire();
        condition.notifyAll();
        condition.release();
        expect(await Promise.all(waiters)).toEqual([true, true]);
      });

      test('a worker in waitFor(() => event.isSet()) returns true once the event is set here and notifyAll() called', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const condition = new Condition();
        const event = new Event();
        const waiting = new Semaphore(0);
        const waiter = pool.submit(waitForEventUnderCondition, condition, event, waiting);
        expect(await waiting.acquire({ timeout: PROMPT_MS })).toBe(true);
        // the worker held the lock when it counted in, so this returns once it waits
        await condition.acquire();
        event.set();
        condition.notifyAll();
        condition.release();
        expect(await waiter).toBe(true);
      });

      test('a worker notify() wakes a wait here', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const condition = new Condition();
        await condition.acquire();
        // The worker can only take the lock once this wait() has released it.
        const notifier = pool.submit(notifyUnderLock, condition, 1);
        expect(await condition.wait({ timeout: PROMPT_MS })).toBe(true);
        condition.release();
        expect(await notifier).toBe('notified');
      });

      test('over an RLock held twice, wait() frees every level (a worker can notify) and restores them', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const rlock = new RLock();
        const condition = new Condition(rlock);
        await condition.acquire();
        await rlock.acquire();
        // The worker can take the RLock only if wait() released both levels.
        const notifier = pool.submit(notifyUnderLock, condition, 1);
        expect(await condition.wait({ timeout: PROMPT_MS })).toBe(true);
        rlock.release();
        expect(rlock.locked()).toBe(true);
        condition.release();
        expect(rlock.locked()).toBe(false);
        expect(await notifier).toBe('notified');
      });

      test('a worker notifyAll() wakes waiters here and in another worker', async () => {
        const pool = pools.open({ maxWorkers: 2 });
        const condition = new Condition();
        const waiting = new Semaphore(0);
        const inWorker = pool.submit(waitForNotify, condition, waiting, PROMPT_MS);
        const here = waitHere(condition, waiting, PROMPT_MS);
        await waiting.acquire({ timeout: PROMPT_MS });
        await waiting.acquire({ timeout: PROMPT_MS });
        expect(await pool.submit(notifyAllUnderLock, condition)).toBe('notified all');
        expect(await Promise.all([inWorker, here])).toEqual([true, true]);
      });
    });
  });
}
