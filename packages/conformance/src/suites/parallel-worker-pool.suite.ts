// WorkerPool: the multiprocessing.Pool shape over the executor (API.md "WorkerPool"; issue 4, item 4).
import { afterEach, describe, expect, test } from 'vitest';
import { CancelledError, Event, Future, InvalidStateError, Queue, ResourceLimitError, WorkerPool, activeChildren, taskFailure } from '@weft/core';
import { failOn, holdUntil, hoardMemory, initWorker, recallInit, squareLater, squarePlus, startedThenWait, whereAmI } from '../fixtures/parallel-tasks.mjs';
import type { ConformanceContext } from '../support/context.js';
import { errorOf, rejectionOf } from '../support/error-of.js';
import { PROMPT_MS } from '../support/limits.js';
import { eventually, naturals, range } from '../support/parallel-helpers.js';
import { within } from '../support/within.js';

export function parallelWorkerPoolSuite(_ctx: ConformanceContext): void {
  const open = new Set<WorkerPool>();
  const make = (options?: ConstructorParameters<typeof WorkerPool>[0]) => {
    const pool = new WorkerPool(options);
    open.add(pool);
    return pool;
  };
  afterEach(async () => {
    const pools = [...open];
    open.clear();
    await Promise.all(pools.map((p) => p.terminate()));
  });

  describe('WorkerPool: the multiprocessing.Pool calls', () => {
    test('map and starmap resolve with results in input order', async () => {
      const pool = make({ workers: 2 });
      expect(pool.workers).toBe(2);
      expect(await pool.map(squarePlus, range(100))).toEqual(range(100).map((x) => x * x));
      expect(await pool.map(squarePlus, range(1000), { chunksize: 50 })).toEqual(range(1000).map((x) => x * x));
      expect(
        await pool.starmap(squarePlus, [
          [1, 1],
          [2, 2, 10],
          [3, 0, 2],
        ]),
      ).toEqual([2, 60, 18]);
    });

    test('imap yields lazily in order; imapUnordered yields every result once', async () => {
      const pool = make({ workers: 2 });
      const ordered: number[] = [];
      for await (const r of pool.imap(squareLater, range(20))) ordered.push(r);
      expect(ordered).toEqual(range(20).map((x) => x * x));
      const unordered: number[] = [];
      for await (const r of pool.imapUnordered(squarePlus, range(50), { chunksize: 3 })) unordered.push(r);
      expect(unordered.sort((a, b) => a - b)).toEqual(range(50).map((x) => x * x));
      // lazily: an endless input is fine as long as the loop stops
      const source = naturals();
      let n = 0;
      for await (const r of pool.imap(squarePlus, source.values, { chunksize: 1 })) {
        expect(r).toBe(n * n);
        if (++n === 5) break;
      }
      await within(source.closed, 'the endless input being closed');
    });

    test('apply resolves with the result; applyAsync returns a Future and calls callback / errorCallback', async () => {
      const pool = make({ workers: 2 });
      expect(await pool.apply(squarePlus, [3, 1])).toBe(10);
      const future = pool.applyAsync(squarePlus, [4]);
      expect(future).toBeInstanceOf(Future);
      expect(await future).toBe(16);
      expect(future.done()).toBe(true);

      const results: unknown[] = [];
      const gotResult = new Promise<void>((resolve) => pool.applyAsync(squarePlus, [5], { callback: (r) => (results.push(r), resolve()) }));
      await within(gotResult, 'the callback');
      expect(results).toEqual([25]);

      const gotError = new Promise<unknown>((resolve) => pool.applyAsync(failOn, [2, 2], { errorCallback: resolve }));
      const err = await within(gotError, 'the error callback');
      expect(err).toBeInstanceOf(RangeError);
      expect((err as Error).message).toBe('item 2 is bad');
    });

    test('a failing map rejects with the task error itself and its index', async () => {
      const pool = make({ workers: 2 });
      const failure = await rejectionOf(pool.starmap(failOn, range(30).map((i) => [i, 12])));
      expect(failure).toBeInstanceOf(RangeError);
      expect(taskFailure(failure)?.index).toBe(12);
    });

    test('initializer and initargs run in each worker before its tasks', async () => {
      const pool = make({ workers: 2, initializer: initWorker, initargs: ['configured'] });
      expect(await pool.map(recallInit as () => unknown, [1, 2, 3, 4])).toEqual(['configured', 'configured', 'configured', 'configured']);
    });

    test('maxTasksPerWorker recycles workers: each ident serves at most that many tasks', async () => {
      const pool = make({ workers: 1, maxTasksPerWorker: 2 });
      const where = await pool.map(whereAmI, range(6), { chunksize: 1 });
      const perIdent = new Map<number, number>();
      for (const r of where) perIdent.set(r.ident, (perIdent.get(r.ident) ?? 0) + 1);
      expect([...perIdent.values()]).toEqual([2, 2, 2]);
    });

    test('resourceLimits passes through: a worker over its heap cap fails its task with ResourceLimitError and is replaced', async () => {
      const pool = make({ workers: 1, resourceLimits: { maxOldGenerationSizeMb: 48 } });
      const before = await pool.apply(whereAmI, [0]);
      const err = await within(rejectionOf(pool.apply(hoardMemory)), 'the heap cap stopping the task', 30_000);
      expect(err).toBeInstanceOf(ResourceLimitError);
      const after = await pool.apply(whereAmI, [1]);
      expect(after.ident).not.toBe(before.ident);
    }, 40_000);
  });

  describe('WorkerPool: close, join, terminate', () => {
    test('close() lets queued work finish, then join() resolves once the workers have exited', async () => {
      const pool = make({ workers: 2 });
      const release = new Event();
      const pending = pool.applyAsync(holdUntil, [release, 'finished']);
      const idents = (await pool.map(whereAmI, range(4))).map((r) => r.ident);
      pool.close();
      expect(() => pool.apply(squarePlus, [1])).toThrow(InvalidStateError);
      const joined = pool.join();
      release.set();
      expect(await pending).toBe('finished');
      await within(joined, 'join()');
      expect(activeChildren().filter((c) => idents.includes(c.ident))).toEqual([]);
    });

    test('join() before close() or terminate() is an InvalidStateError, as in Python', async () => {
      const pool = make({ workers: 1 });
      const err = await errorOf(() => pool.join());
      expect(err).toBeInstanceOf(InvalidStateError);
      expect((err as Error).message).toMatch(/close\(\)/);
    });

    test('terminate() stops running work now: its Future rejects with CancelledError, and the workers exit', async () => {
      const pool = make({ workers: 1 });
      const started = new Event();
      const never = new Event();
      const log = new Queue<unknown>();
      const running = pool.applyAsync(startedThenWait, [started, never, log, 'x']);
      const queued = pool.applyAsync(squarePlus, [2]);
      await within(started.wait({ timeout: PROMPT_MS }), 'the task starting');
      const ident = await log.get({ timeout: PROMPT_MS });
      await within(pool.terminate(), 'terminate()');
      expect(await within(rejectionOf(running), 'the running task failing')).toBeInstanceOf(CancelledError);
      expect(await within(rejectionOf(queued), 'the queued task failing')).toBeInstanceOf(CancelledError);
      expect(queued.cancelled()).toBe(true); // it never started
      expect(activeChildren().some((c) => c.ident === ident)).toBe(false);
      await within(pool.join(), 'join() after terminate()');
      expect(() => pool.map(squarePlus, [1])).toThrow(InvalidStateError);
    });

    test('await using closes and joins (graceful: submitted work completes)', async () => {
      let future: Future<number> | undefined;
      let idents: number[] = [];
      {
        await using pool = new WorkerPool({ workers: 2 });
        idents = (await pool.map(whereAmI, range(4))).map((r) => r.ident);
        future = pool.applyAsync(squareLater, [7]);
      }
      expect(future.done()).toBe(true);
      expect(await future).toBe(49);
      await eventually(() => !activeChildren().some((c) => idents.includes(c.ident)), 'the workers exiting');
    });
  });

  describe('WorkerPool: arguments are checked', () => {
    test('options and arguments are validated with errors that name them', () => {
      expect(() => new WorkerPool({ workers: 0 })).toThrow(RangeError);
      expect(() => new WorkerPool({ workers: 0 })).toThrow(/options\.workers/);
      expect(() => new WorkerPool({ maxWorkers: 2 } as never)).toThrow(/options\.workers/);
      expect(() => new WorkerPool({ maxTasksPerWorker: -1 })).toThrow(/options\.maxTasksPerWorker/);
      expect(() => new WorkerPool({ procs: 2 } as never)).toThrow(TypeError);
      expect(() => new WorkerPool({ processes: 2 } as never)).toThrow(/options\.processes; WorkerPool calls it options\.workers/);
    });

    test("an unknown option's error lists the facade's own options (workers, …), not the executor's maxWorkers", () => {
      let message = '';
      try {
        new WorkerPool({ procs: 2 } as never);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/unknown option options\.procs; known options are workers, initializer, initargs, maxTasksPerWorker\b/);
      expect(message).not.toMatch(/maxWorkers/);
      const pool = make({ workers: 1 });
      expect(() => pool.apply(squarePlus, 3 as never)).toThrow(/args must be an array/);
      expect(() => pool.map(squarePlus, [1], { chunksize: 0 })).toThrow(/options\.chunksize/);
      expect(() => pool.map(squarePlus, [1], { ordered: false } as never)).toThrow(/options\.ordered/);
      expect(() => pool.applyAsync(squarePlus, [1], { callback: 5 } as never)).toThrow(/options\.callback/);
    });
  });
}
