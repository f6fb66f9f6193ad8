import { describe, expect, test } from 'vitest';
import { AbortError, QueueClosed, QueueEmpty, SimpleQueue, WorkerCrashedError } from '@weft/core';
import { putThenExit } from '../fixtures/die-while-holding.mjs';
import { consumeCount, produceRange } from '../fixtures/queue-tasks.mjs';
import type { ConformanceContext } from '../support/context.js';
import { rejectionOf } from '../support/error-of.js';
import { poolPerTest } from '../support/pools.js';

export function simpleQueueSuite(_ctx: ConformanceContext): void {
  describe('SimpleQueue', () => {
    const pools = poolPerTest();

    describe('in the creating thread', () => {
      test('items come out in the order they went in; empty() tracks them', async () => {
        const queue = new SimpleQueue<string>();
        expect(queue.empty()).toBe(true);
        await queue.put('a');
        await queue.put('b');
        expect(queue.empty()).toBe(false);
        expect(await queue.get()).toBe('a');
        expect(await queue.get()).toBe('b');
        expect(queue.empty()).toBe(true);
      });

      test('it is unbounded', async () => {
        const queue = new SimpleQueue<number>();
        await Promise.all(Array.from({ length: 1000 }, (_, i) => queue.put(i)));
        const out: number[] = [];
        for (let i = 0; i < 1000; i++) out.push(await queue.get());
        expect(out).toEqual(Array.from({ length: 1000 }, (_, i) => i));
      });

      test('a pending get() resolves when an item is put', async () => {
        const queue = new SimpleQueue<string>();
        const getter = queue.get();
        await queue.put('late');
        expect(await getter).toBe('late');
      });

      test('get({ timeout }) on an empty queue rejects with QueueEmpty', async () => {
        expect(await rejectionOf(new SimpleQueue().get({ timeout: 20 }))).toBeInstanceOf(QueueEmpty);
      });

      test('an aborted get() rejects with AbortError and takes nothing', async () => {
        const queue = new SimpleQueue<string>();
        const controller = new AbortController();
        const pending = queue.get({ signal: controller.signal });
        controller.abort(new Error('gave up'));
        expect(await rejectionOf(pending)).toBeInstanceOf(AbortError);
        await queue.put('kept');
        expect(await queue.get({ timeout: 1000 })).toBe('kept');
      });

      test('after close() put fails with QueueClosed, the items left drain, then get fails with QueueClosed', async () => {
        const queue = new SimpleQueue<number>();
        await queue.put(1);
        queue.close();
        expect(await rejectionOf(queue.put(2))).toBeInstanceOf(QueueClosed);
        expect(await queue.get()).toBe(1);
        expect(await rejectionOf(queue.get())).toBeInstanceOf(QueueClosed);
      });

      test('close() wakes a waiting get() with QueueClosed', async () => {
        const queue = new SimpleQueue<number>();
        const waiting = queue.get();
        queue.close();
        expect(await rejectionOf(waiting)).toBeInstanceOf(QueueClosed);
      });
    });

    describe('shared with workers', () => {
      test('items a worker puts come out here in order, and items put here reach a worker', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const queue = new SimpleQueue<number>();
        expect(await pool.submit(produceRange, queue, 10, 5)).toBe(5);
        const out: number[] = [];
        for (let i = 0; i < 5; i++) out.push(await queue.get());
        expect(out).toEqual([10, 11, 12, 13, 14]);
        for (const i of [7, 8, 9]) await queue.put(i);
        expect(await pool.submit(consumeCount, queue, 3)).toEqual([7, 8, 9]);
      });

      test('items a worker put before it died are still in the queue', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const queue = new SimpleQueue<string>();
        expect(await rejectionOf(pool.submit(putThenExit, queue, ['x', 'y'], 9))).toBeInstanceOf(WorkerCrashedError);
        expect([await queue.get({ timeout: 1000 }), await queue.get({ timeout: 1000 })]).toEqual(['x', 'y']);
        expect(queue.empty()).toBe(true);
      });
    });
  });
}
