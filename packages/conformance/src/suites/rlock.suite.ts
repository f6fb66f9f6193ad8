import { describe, expect, test } from 'vitest';
import { AbortError, Event, LockNotOwnedError, RLock, Worker, WorkerCrashedError } from '@weft/core';
import { acquireThenExit } from '../fixtures/die-while-holding.mjs';
import { holdLockThenSignal } from '../fixtures/hold-lock-then-signal.mjs';
import { acquireWithTimeoutInWorker, reenterInWorker, releaseInWorker } from '../fixtures/use-lock-from-worker.mjs';
import type { ConformanceContext } from '../support/context.js';
import { rejectionOf } from '../support/error-of.js';
import { ABSENCE_WINDOW_MS, PROMPT_MS } from '../support/limits.js';
import { poolPerTest } from '../support/pools.js';

export function rlockSuite(_ctx: ConformanceContext): void {
  describe('RLock', () => {
    const pools = poolPerTest();

    describe('in the creating thread', () => {
      test('the owner may acquire it again; it stays locked until released as many times', async () => {
        const rlock = new RLock();
        expect(await rlock.acquire()).toBe(true);
        expect(await rlock.acquire()).toBe(true);
        expect(rlock.tryAcquire()).toBe(true);
        expect(rlock.locked()).toBe(true);
        rlock.release();
        rlock.release();
        expect(rlock.locked()).toBe(true);
        rlock.release();
        expect(rlock.locked()).toBe(false);
      });

      test('release() once more than acquired throws LockNotOwnedError', async () => {
        const rlock = new RLock();
        await rlock.acquire();
        rlock.release();
        expect(() => rlock.release()).toThrow(LockNotOwnedError);
      });

      test('runExclusive() may nest inside itself', async () => {
        const rlock = new RLock();
        expect(await rlock.runExclusive(() => rlock.runExclusive(() => 'inner'))).toBe('inner');
        expect(rlock.locked()).toBe(false);
      });

      test('an aborted acquire() rejects with AbortError', async () => {
        // The owner re-enters at once, so abort a waiter by holding the RLock in a worker.
        const pool = pools.open({ maxWorkers: 1 });
        const rlock = new RLock();
        const held = new Event();
        const release = new Event();
        const holder = pool.submit(holdLockThenSignal, rlock, held, release);
        await held.wait({ timeout: PROMPT_MS });
        const controller = new AbortController();
        const pending = rlock.acquire({ signal: controller.signal });
        controller.abort(new Error('no longer needed'));
        expect(await rejectionOf(pending)).toBeInstanceOf(AbortError);
        release.set();
        await holder;
        expect(await rlock.acquire({ timeout: PROMPT_MS })).toBe(true);
        rlock.release();
      });
    });

    describe('shared with workers', () => {
      test('a worker cannot acquire an RLock held here', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const rlock = new RLock();
        await rlock.acquire();
        expect(await pool.submit(acquireWithTimeoutInWorker, rlock, ABSENCE_WINDOW_MS)).toBe(false);
        rlock.release();
        expect(await pool.submit(acquireWithTimeoutInWorker, rlock, PROMPT_MS)).toBe(true);
      });

      test('a worker that does not own the RLock gets LockNotOwnedError from release()', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const rlock = new RLock();
        await rlock.acquire();
        expect(await rejectionOf(pool.submit(releaseInWorker, rlock))).toBeInstanceOf(LockNotOwnedError);
        expect(rlock.locked()).toBe(true);
        rlock.release();
      });

      test('here, release() of an RLock a worker holds throws LockNotOwnedError', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const rlock = new RLock();
        const held = new Event();
        const release = new Event();
        const holder = pool.submit(holdLockThenSignal, rlock, held, release);
        await held.wait({ timeout: PROMPT_MS });
        expect(() => rlock.release()).toThrow(LockNotOwnedError);
        release.set();
        expect(await holder).toBe('released');
      });

      test('a worker re-enters an RLock it owns', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const rlock = new RLock();
        expect(await pool.submit(reenterInWorker, rlock)).toEqual({ second: true, afterTwo: true, afterOneRelease: true });
        expect(rlock.locked()).toBe(false);
      });

      test('when a worker exits holding the RLock twice, it is released entirely and the next acquirer proceeds', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const rlock = new RLock();
        expect(await rejectionOf(pool.submit(acquireThenExit, rlock, 2, 9))).toBeInstanceOf(WorkerCrashedError);
        expect(await rlock.acquire({ timeout: PROMPT_MS })).toBe(true);
        rlock.release();
        expect(rlock.locked()).toBe(false);
      });

      test('when a Worker holding the RLock is terminated, an acquire already pending proceeds', async () => {
        const rlock = new RLock();
        const held = new Event();
        const release = new Event();
        const worker = new Worker({ target: holdLockThenSignal, args: [rlock, held, release] });
        worker.start();
        await held.wait({ timeout: PROMPT_MS });
        const pending = rlock.acquire({ timeout: PROMPT_MS });
        await worker.terminate();
        expect(await pending).toBe(true);
        rlock.release();
      });
    });
  });
}
