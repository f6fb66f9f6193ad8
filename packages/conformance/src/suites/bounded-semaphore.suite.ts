import { describe, expect, test } from 'vitest';
import { BoundedSemaphore } from '@weft/core';
import { releaseSemaphoreInWorker } from '../fixtures/semaphore-tasks.mjs';
import type { ConformanceContext } from '../support/context.js';
import { rejectionOf } from '../support/error-of.js';
import { poolPerTest } from '../support/pools.js';

export function boundedSemaphoreSuite(_ctx: ConformanceContext): void {
  describe('BoundedSemaphore', () => {
    const pools = poolPerTest();

    test('the default value is 1', () => {
      expect(new BoundedSemaphore().value).toBe(1);
    });

    test('acquire and release within the initial value work as a Semaphore', async () => {
      const sem = new BoundedSemaphore(2);
      expect(await sem.acquire()).toBe(true);
      expect(sem.tryAcquire()).toBe(true);
      expect(sem.tryAcquire()).toBe(false);
      sem.release(2);
      expect(sem.value).toBe(2);
    });

    test('releasing above the initial value throws RangeError and changes nothing', async () => {
      const sem = new BoundedSemaphore(2);
      expect(() => sem.release()).toThrow(RangeError);
      expect(sem.value).toBe(2);
      await sem.acquire();
      expect(() => sem.release(2)).toThrow(RangeError);
      expect(sem.value).toBe(1);
      sem.release();
      expect(sem.value).toBe(2);
    });

    test('a worker releasing above the initial value gets RangeError too', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const sem = new BoundedSemaphore(1);
      expect(await rejectionOf(pool.submit(releaseSemaphoreInWorker, sem))).toBeInstanceOf(RangeError);
      expect(sem.value).toBe(1);
      await sem.acquire();
      // (What the worker reads back is not checked: outside the creating process a query may be a snapshot.)
      await pool.submit(releaseSemaphoreInWorker, sem);
      expect(sem.value).toBe(1);
    });
  });
}
