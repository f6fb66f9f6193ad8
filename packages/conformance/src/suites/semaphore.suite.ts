import { describe, expect, test } from 'vitest';
import { AbortError, Event, Semaphore, Worker, WorkerCrashedError } from '@weft/core';
import { acquireThenExit, acquireThenReturn } from '../fixtures/die-while-holding.mjs';
import { holdLockThenSignal } from '../fixtures/hold-lock-then-signal.mjs';
import { enterThenWaitForGate } from '../fixtures/semaphore-tasks.mjs';
import type { ConformanceContext } from '../support/context.js';
import { rejectionOf } from '../support/error-of.js';
import { ABSENCE_WINDOW_MS, PROMPT_MS } from '../support/limits.js';
import { poolPerTest } from '../support/pools.js';
import { TIMER_SLACK_MS, timed } from '../support/timing.js';

export function semaphoreSuite(_ctx: ConformanceContext): void {
  describe('Semaphore', () => {
    const pools = poolPerTest();

    describe('in the creating thread', () => {
      test('the default value is 1, and value counts the units left', async () => {
        const sem = new Semaphore();
        expect(sem.value).toBe(1);
        expect(await sem.acquire()).toBe(true);
        expect(sem.value).toBe(0);
        sem.release();
        expect(sem.value).toBe(1);
      });

      test('acquire() takes units until none are left; tryAcquire() then returns false', async () => {
        const sem = new Semaphore(3);
        expect(await sem.acquire()).toBe(true);
        expect(sem.tryAcquire()).toBe(true);
        expect(await sem.acquire()).toBe(true);
        expect(sem.value).toBe(0);
        expect(sem.tryAcquire()).toBe(false);
      });

      test('release(n) adds n units and wakes as many waiters as it can', async () => {
        const sem = new Semaphore(0);
        const waiters = [sem.acquire(), sem.acquire(), sem.acquire()];
        sem.release(3);
        expect(await Promise.all(waiters)).toEqual([true, true, true]);
        expect(sem.value).toBe(0);
      });

      test('release(n) beyond the waiters leaves the rest as value', async () => {
        const sem = new Semaphore(0);
        const waiter = sem.acquire();
        sem.release(3);
        expect(await waiter).toBe(true);
        expect(sem.value).toBe(2);
      });

      test('a plain Semaphore may be released above its initial value', () => {
        const sem = new Semaphore(1);
        sem.release();
        sem.release(2);
        expect(sem.value).toBe(4);
      });

      test('acquire({ timeout }) resolves false once the timeout passes with no unit free', async () => {
        const sem = new Semaphore(0);
        const { value, ms } = await timed(() => sem.acquire({ timeout: 40 }));
        expect(value).toBe(false);
        expect(ms).toBeGreaterThanOrEqual(40 - TIMER_SLACK_MS);
        expect(sem.value).toBe(0);
      });

      test('an aborted acquire() rejects with AbortError and takes no unit', async () => {
        const sem = new Semaphore(0);
        const controller = new AbortController();
        const pending = sem.acquire({ signal: controller.signal });
        const reason = new Error('abandoned');
        controller.abort(reason);
        const err = await rejectionOf(pending);
        expect(err).toBeInstanceOf(AbortError);
        expect((err as Error).cause).toBe(reason);
        sem.release();
        expect(sem.value).toBe(1);
      });

      test('a negative initial value is a RangeError naming the value', () => {
        expect(() => new Semaphore(-1)).toThrow(RangeError);
        expect(() => new Semaphore(-1)).toThrow(/value/);
      });
    });

    describe('shared with workers', () => {
      test('a Semaphore(2) lets at most two tasks in at a time', async () => {
        const pool = pools.open({ maxWorkers: 3 });
        const sem = new Semaphore(2);
        const entered = new Semaphore(0);
        const gate = new Event();
        const tasks = [0, 1, 2].map(() => pool.submit(enterThenWaitForGate, sem, entered, gate));
        expect(await entered.acquire({ timeout: PROMPT_MS })).toBe(true);
        expect(await entered.acquire({ timeout: PROMPT_MS })).toBe(true);
        // Negative check: with both units held the third task cannot have entered.
        expect(await entered.acquire({ timeout: ABSENCE_WINDOW_MS })).toBe(false);
        expect(sem.value).toBe(0);
        gate.set();
        expect(await entered.acquire({ timeout: PROMPT_MS })).toBe(true);
        expect(await Promise.all(tasks)).toEqual(['left', 'left', 'left']);
        expect(sem.value).toBe(2);
      });

      test('a worker waiting for a unit wakes when one is released here', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const sem = new Semaphore(0);
        const entered = new Semaphore(0);
        const gate = new Event();
        gate.set();
        const task = pool.submit(enterThenWaitForGate, sem, entered, gate);
        sem.release();
        expect(await task).toBe('left');
        expect(sem.value).toBe(1);
      });

      test('when a pool worker exits holding a unit, the unit is given back', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const sem = new Semaphore(1);
        expect(await rejectionOf(pool.submit(acquireThenExit, sem, 1, 9))).toBeInstanceOf(WorkerCrashedError);
        expect(await sem.acquire({ timeout: PROMPT_MS })).toBe(true);
      });

      // Units beyond the initial value were made by release() as signals, not borrowed: a dead
      // consumer gives back at most what takes the value to its initial value.
      test('a unit released into a Semaphore(0) and taken by a pool worker that then dies is not given back', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const sem = new Semaphore(0);
        sem.release();
        expect(await rejectionOf(pool.submit(acquireThenExit, sem, 1, 9))).toBeInstanceOf(WorkerCrashedError);
        // Negative check: a phantom unit would be taken at once.
        expect(await sem.acquire({ timeout: ABSENCE_WINDOW_MS })).toBe(false);
        expect(sem.value).toBe(0);
      });

      test('a unit released into a Semaphore(0) and taken by a Worker that returns holding it is not given back', async () => {
        const sem = new Semaphore(0);
        sem.release();
        const worker = new Worker({ target: acquireThenReturn, args: [sem, 1] });
        worker.start();
        expect(await worker.join({ timeout: PROMPT_MS })).toBe(true);
        expect(await sem.acquire({ timeout: ABSENCE_WINDOW_MS })).toBe(false);
        expect(sem.value).toBe(0);
      });

      test('a worker that dies holding units gives back only up to the initial value', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const sem = new Semaphore(1);
        sem.release(); // value 2, initial 1
        expect(await rejectionOf(pool.submit(acquireThenExit, sem, 2, 9))).toBeInstanceOf(WorkerCrashedError);
        expect(await sem.acquire({ timeout: PROMPT_MS })).toBe(true);
        expect(await sem.acquire({ timeout: ABSENCE_WINDOW_MS })).toBe(false);
      });

      test('when a Worker holding a unit is terminated, an acquire already pending proceeds', async () => {
        const sem = new Semaphore(1);
        const held = new Event();
        const release = new Event();
        const worker = new Worker({ target: holdLockThenSignal, args: [sem, held, release] });
        worker.start();
        await held.wait({ timeout: PROMPT_MS });
        const pending = sem.acquire({ timeout: PROMPT_MS });
        await worker.terminate();
        expect(await pending).toBe(true);
      });
    });
  });
}
