import { describe, expect, test } from 'vitest';
import { AbortError, Lock, Queue, Semaphore, QueueClosed, QueueEmpty, QueueFull, SerializationError, WorkerCrashedError } from '@weft/core';
import { putThenExit } from '../fixtures/die-while-holding.mjs';
import { consumeCount, consumeUntilClosed, produceRange } from '../fixtures/queue-tasks.mjs';
import { pollQsize } from '../fixtures/snapshot-tasks.mjs';
import type { ConformanceContext } from '../support/context.js';
import { errorOf, rejectionOf } from '../support/error-of.js';
import { ABSENCE_WINDOW_MS, PROMPT_MS } from '../support/limits.js';
import { poolPerTest } from '../support/pools.js';
import { TIMER_SLACK_MS, timed } from '../support/timing.js';
import { staysPending, within } from '../support/within.js';

export function queueSuite(_ctx: ConformanceContext): void {
  describe('Queue', () => {
    const pools = poolPerTest();

    describe('in the creating thread', () => {
      test('items come out in the order they went in; qsize(), empty() and full() track them', async () => {
        const queue = new Queue<number>(2);
        expect(queue.empty()).toBe(true);
        expect(queue.full()).toBe(false);
        await queue.put(1);
        queue.putNowait(2);
        expect(queue.qsize()).toBe(2);
        expect(queue.full()).toBe(true);
        expect(await queue.get()).toBe(1);
        expect(queue.getNowait()).toBe(2);
        expect(queue.empty()).toBe(true);
        expect(queue.qsize()).toBe(0);
      });

      test('maxsize 0, the default, is unbounded', () => {
        const queue = new Queue<number>();
        for (let i = 0; i < 1000; i++) queue.putNowait(i);
        expect(queue.qsize()).toBe(1000);
        expect(queue.full()).toBe(false);
      });

      test('items of every cloneable kind come out as they went in', async () => {
        const queue = new Queue<unknown>();
        const items = [new Map([['k', 1]]), new Set([1, 2]), new Date(5), /re/g, 7n, new Uint16Array([1, 2]), { nested: [1, { deep: true }] }, null, 'text'];
        for (const item of items) await queue.put(item);
        for (const item of items) expect(await queue.get()).toEqual(item);
      });

      test('putNowait() on a full queue throws QueueFull; put({ timeout }) rejects with QueueFull after the timeout', async () => {
        const queue = new Queue<string>(1);
        queue.putNowait('only');
        expect(() => queue.putNowait('more')).toThrow(QueueFull);
        const { value: err, ms } = await timed(() => rejectionOf(queue.put('more', { timeout: 40 })));
        expect(err).toBeInstanceOf(QueueFull);
        expect(ms).toBeGreaterThanOrEqual(40 - TIMER_SLACK_MS);
        expect(queue.qsize()).toBe(1);
      });

      test('getNowait() on an empty queue throws QueueEmpty; get({ timeout }) rejects with QueueEmpty after the timeout', async () => {
        const queue = new Queue<string>();
        expect(() => queue.getNowait()).toThrow(QueueEmpty);
        const { value: err, ms } = await timed(() => rejectionOf(queue.get({ timeout: 40 })));
        expect(err).toBeInstanceOf(QueueEmpty);
        expect(ms).toBeGreaterThanOrEqual(40 - TIMER_SLACK_MS);
      });

      test('a pending get() resolves when an item is put; a pending put() on a full queue completes when one is taken', async () => {
        const queue = new Queue<string>(1);
        const getter = queue.get();
        await queue.put('first');
        expect(await getter).toBe('first');
        await queue.put('second');
        const putter = queue.put('third');
        expect(await queue.get()).toBe('second');
        await putter;
        expect(await queue.get()).toBe('third');
      });

      test('join() resolves once taskDone() was called for every item put', async () => {
        const queue = new Queue<string>();
        await within(queue.join(), 'join() of a queue with no unfinished items');
        await queue.put('a');
        await queue.put('b');
        const joined = queue.join();
        await queue.get();
        queue.taskDone();
        // Negative check: one item is still unfinished.
        expect(await staysPending(joined, ABSENCE_WINDOW_MS)).toBe(true);
        await queue.get();
        queue.taskDone();
        await within(joined, 'join() after every taskDone()');
      });

      // In the creating process on both backends. In a child_process worker (not the creator)
      // taskDone() is fire-and-forget: the RangeError arises at the owner and comes back as a
      // process warning in the worker, not as a throw (packages/child-process/README.md).
      test('taskDone() more often than items were put throws RangeError', async () => {
        const queue = new Queue<string>();
        await queue.put('a');
        await queue.get();
        queue.taskDone();
        expect(() => queue.taskDone()).toThrow(RangeError);
        expect(() => queue.taskDone()).toThrow(/taskDone\(\): called more times than items were put/);
      });

      test('after close() put fails with QueueClosed, the items left drain, then get fails with QueueClosed', async () => {
        const queue = new Queue<number>();
        await queue.put(1);
        await queue.put(2);
        queue.close();
        expect(await rejectionOf(queue.put(3))).toBeInstanceOf(QueueClosed);
        expect(() => queue.putNowait(3)).toThrow(QueueClosed);
        expect(await queue.get()).toBe(1);
        expect(queue.getNowait()).toBe(2);
        expect(await rejectionOf(queue.get())).toBeInstanceOf(QueueClosed);
        expect(() => queue.getNowait()).toThrow(QueueClosed);
      });

      test('close() wakes a waiting get() with QueueClosed', async () => {
        const queue = new Queue<number>();
        const waiting = queue.get();
        queue.close();
        expect(await rejectionOf(waiting)).toBeInstanceOf(QueueClosed);
      });

      test('for await yields every item and ends once the queue is closed and drained', async () => {
        const queue = new Queue<number>();
        const consumed = (async () => {
          const items: number[] = [];
          for await (const item of queue) items.push(item);
          return items;
        })();
        for (let i = 0; i < 5; i++) await queue.put(i);
        queue.close();
        expect(await within(consumed, 'for await ending after close()')).toEqual([0, 1, 2, 3, 4]);
      });

      test('an aborted get() rejects with AbortError and takes nothing', async () => {
        const queue = new Queue<string>();
        const controller = new AbortController();
        const pending = queue.get({ signal: controller.signal });
        const reason = new Error('no longer hungry');
        controller.abort(reason);
        const err = await rejectionOf(pending);
        expect(err).toBeInstanceOf(AbortError);
        expect((err as Error).cause).toBe(reason);
        await queue.put('kept');
        expect(queue.getNowait()).toBe('kept');
      });

      test('an aborted put() on a full queue rejects with AbortError and puts nothing', async () => {
        const queue = new Queue<string>(1);
        await queue.put('first');
        const controller = new AbortController();
        const pending = queue.put('second', { signal: controller.signal });
        controller.abort();
        expect(await rejectionOf(pending)).toBeInstanceOf(AbortError);
        expect(queue.getNowait()).toBe('first');
        expect(queue.empty()).toBe(true);
      });

      test('invalid wait options are rejected, naming the option', async () => {
        const queue = new Queue<string>();
        const err = await errorOf(() => queue.get({ timeout: -1 }));
        expect(err).toBeInstanceOf(RangeError);
        expect((err as Error).message).toContain('timeout');
      });

      test('a weft primitive as an item is a SerializationError naming the call, and nothing is put', async () => {
        const queue = new Queue<unknown>();
        const viaPut = await errorOf(() => queue.put({ lock: new Lock() }));
        expect(viaPut).toBeInstanceOf(SerializationError);
        expect((viaPut as Error).message).toMatch(/^Queue\.put\(\): the item contains a weft primitive/);
        const viaPutNowait = await errorOf(() => queue.putNowait(new Lock()));
        expect((viaPutNowait as Error).message).toMatch(/^Queue\.putNowait\(\): the item contains a weft primitive/);
        expect(queue.qsize()).toBe(0);
      });
    });

    describe('shared with workers', () => {
      test('a worker polling qsize() sees the items put here without calling the Queue', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const queue = new Queue<string>();
        const polling = new Semaphore(0);
        const poller = pool.submit(pollQsize, queue, polling, 2);
        expect(await polling.acquire({ timeout: PROMPT_MS })).toBe(true);
        await queue.put('a');
        await queue.put('b');
        expect(await poller).toEqual({ reached: true, qsize: 2, empty: false });
      });

      test('two producer tasks and a consumer task exchange every item exactly once through a bounded queue', async () => {
        const pool = pools.open({ maxWorkers: 3 });
        const queue = new Queue<number>(4);
        const producers = [pool.submit(produceRange, queue, 0, 50), pool.submit(produceRange, queue, 1000, 50)];
        const consumer = pool.submit(consumeCount, queue, 100);
        const items = (await consumer) as number[];
        expect(await Promise.all(producers)).toEqual([50, 50]);
        expect([...items].sort((a, b) => a - b)).toEqual([...Array.from({ length: 50 }, (_, i) => i), ...Array.from({ length: 50 }, (_, i) => 1000 + i)]);
        // Each producer's items keep their order.
        expect(items.filter((i) => i < 1000)).toEqual(Array.from({ length: 50 }, (_, i) => i));
        expect(items.filter((i) => i >= 1000)).toEqual(Array.from({ length: 50 }, (_, i) => 1000 + i));
        await within(queue.join(), "join() after the consumer's taskDone() calls");
      });

      test('a worker consuming with for await ends once the queue is closed here and drained', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const queue = new Queue<number>();
        const consumer = pool.submit(consumeUntilClosed, queue);
        for (let i = 1; i <= 5; i++) await queue.put(i);
        queue.close();
        expect(await consumer).toEqual([1, 2, 3, 4, 5]);
      });

      test('items a worker put before it died are still in the queue', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const queue = new Queue<string>();
        expect(await rejectionOf(pool.submit(putThenExit, queue, ['a', 'b', 'c'], 9))).toBeInstanceOf(WorkerCrashedError);
        expect([queue.getNowait(), queue.getNowait(), queue.getNowait()]).toEqual(['a', 'b', 'c']);
        expect(queue.empty()).toBe(true);
      });

      test("a worker's put on a queue closed here fails with QueueClosed", async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const queue = new Queue<number>();
        queue.close();
        expect(await rejectionOf(pool.submit(produceRange, queue, 0, 1))).toBeInstanceOf(QueueClosed);
      });

      test('close() here wakes a worker waiting in get() with QueueClosed', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const queue = new Queue<number>();
        const consumer = pool.submit(consumeCount, queue, 1);
        queue.close();
        expect(await rejectionOf(consumer)).toBeInstanceOf(QueueClosed);
      });
    });
  });
}
