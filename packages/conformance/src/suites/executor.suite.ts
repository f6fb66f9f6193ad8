import { describe, expect, test } from 'vitest';
import {
  AbortError,
  Barrier,
  CancelledError,
  Event,
  ExecutorShutdownError,
  Queue,
  QueueEmpty,
  ResourceLimitError,
  SerializationError,
  TimeoutError,
  WorkerCrashedError,
  WorkerPoolExecutor,
  getIdent,
  isWeftError,
  taskFailure,
} from '@weft/core';
import { add, square } from '../fixtures/arithmetic.mjs';
import { allocateUntilOutOfMemory } from '../fixtures/allocate-until-out-of-memory.mjs';
import { waitAtBarrier } from '../fixtures/barrier-tasks.mjs';
import { collectGarbage } from '../fixtures/collect-garbage.mjs';
import { echo, echoAll } from '../fixtures/echo-arguments.mjs';
import { setEvent } from '../fixtures/event-tasks.mjs';
import { finishOutOfOrder, returnWhenReleased } from '../fixtures/finish-out-of-order.mjs';
import { itemWithIdent, recordThenDouble } from '../fixtures/record-then-double.mjs';
import { reportWorker } from '../fixtures/report-worker.mjs';
import { setEventThenIdent, signalWaitThenIdent } from '../fixtures/read-ahead-tasks.mjs';
import { failingInitializer, putIntoRememberedQueue, recallValue, rememberQueue, rememberValue } from '../fixtures/remember-in-worker.mjs';
import { signalThenSpinForever, signalThenWait, waitForEventThenReturn } from '../fixtures/wait-for-event.mjs';
import { collectWatched, watchArgument } from '../fixtures/watch-arguments-in-worker.mjs';
import { leaveWorkBehind, leftWorkDone } from '../fixtures/worker-event-loop.mjs';
import type { ConformanceContext } from '../support/context.js';
import { errorOf, messageChain, rejectionOf } from '../support/error-of.js';
import { PROMPT_MS } from '../support/limits.js';
import { poolPerTest, sharedPool } from '../support/pools.js';
import { eventually } from '../support/parallel-helpers.js';
import { within } from '../support/within.js';

/** Everything left in a queue, without waiting (the caller created it, so getNowait is exact). */
function drain<T>(queue: Queue<T>): T[] {
  const items: T[] = [];
  for (;;) {
    try {
      items.push(queue.getNowait());
    } catch (err) {
      if (err instanceof QueueEmpty) return items;
      throw err;
    }
  }
}

/** An endless source that counts how far it was read and says when it was closed. */
function countingNaturals(): { source: Generator<number>; pulled: () => number; closed: Promise<void> } {
  let pulled = 0;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  function* naturals(): Generator<number> {
    try {
      for (let i = 0; ; i++) {
        pulled++;
        yield i;
      }
    } finally {
      markClosed();
    }
  }
  return { source: naturals(), pulled: () => pulled, closed };
}

// How far map() may read ahead of what the caller consumed. API.md says only "bounded" (an
// infinite or huge input must not be buffered whole), so these check boundedness, not a policy:
// with chunksize 1 a read-ahead beyond a thousand items is no longer "bounded" in any useful
// sense; with the automatic choice a chunk may legitimately grow to thousands of fast items, so
// only "far less than a huge input" (millions) is checked. (An unbounded reader of an endless
// source never gets to these checks at all: it hangs, and the test times out.)
const READ_AHEAD_BOUND_CHUNK_OF_ONE = 1_000;
const READ_AHEAD_BOUND_AUTOMATIC = 100_000;

/** map() timeouts in tests: long enough that trivial tasks on a loaded machine finish well within it. */
const MAP_DEADLINE_MS = 1_000;

/**
 * Starts `n` workers in `pool` and waits until all are up (n tasks meet at one Barrier, so each
 * holds its own worker). A map timed against MAP_DEADLINE_MS then does not spend its deadline
 * on starting processes, which a loaded, pinned machine can take most of a second to do.
 */
async function startWorkers(pool: WorkerPoolExecutor, n: number): Promise<void> {
  const barrier = new Barrier(n);
  const met = await within(Promise.all(Array.from({ length: n }, () => pool.submit(waitAtBarrier, barrier, PROMPT_MS))), `${n} workers starting`);
  expect(met.filter((r) => 'index' in r)).toHaveLength(n);
}

/**
 * Settles once a map() deadline of `ms`, set now, has passed: a map over input that never
 * comes times out then, without using a worker. Deadlines of equal length set earlier have
 * passed by then too (timers of one length fire in the order they were set).
 */
function deadlinePassed(pool: WorkerPoolExecutor, ms: number): Promise<unknown> {
  async function* never(): AsyncGenerator<number> {
    await new Promise(() => {});
  }
  return rejectionOf(pool.map(square, never(), { timeout: ms }));
}

async function collect<T>(results: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of results) out.push(r);
  return out;
}

export function executorSuite({ backend }: ConformanceContext): void {
  describe('WorkerPoolExecutor: submit', () => {
    const pool = sharedPool({ maxWorkers: 2 });
    const pools = poolPerTest();

    test('fast work is never queued behind a blocked task while another worker can run it', async () => {
      const fresh = pools.open({ maxWorkers: 2 });
      // Make add() known as fast, so the pool would batch it and queue it ahead on busy workers.
      await Promise.all(Array.from({ length: 50 }, (_, i) => fresh.submit(add, i, 1)));
      const release = new Event();
      const blocked = fresh.submit(waitForEventThenReturn, release, 'released');
      // Everything below must finish on the other worker while the first one stays blocked.
      const sums = await within(Promise.all(Array.from({ length: 3000 }, (_, i) => fresh.submit(add, i, i))), "fast tasks beside a blocked one");
      expect(sums).toEqual(Array.from({ length: 3000 }, (_, i) => 2 * i));
      expect(blocked.done()).toBe(false);
      release.set();
      expect(await blocked).toBe('released');
    });

    test('a task sent ahead behind one that waits for it moves to the worker that runs out of work', async () => {
      const fresh = pools.open({ maxWorkers: 2 });
      // Both workers started, and setEventThenIdent() measured: only a measured function is sent ahead.
      await Promise.all([fresh.submit(setEventThenIdent, new Event()), fresh.submit(setEventThenIdent, new Event())]);
      const [startedA, releaseA, startedC, releaseC] = [new Event(), new Event(), new Event(), new Event()];
      const a = fresh.submit(signalWaitThenIdent, startedA, releaseA); // waits for b
      const c = fresh.submit(signalWaitThenIdent, startedC, releaseC); // keeps the other worker busy
      const b = fresh.submit(setEventThenIdent, releaseA);
      const d = fresh.submit(setEventThenIdent, new Event());
      expect(await startedA.wait({ timeout: PROMPT_MS })).toBe(true);
      expect(await startedC.wait({ timeout: PROMPT_MS })).toBe(true);
      expect(b.running()).toBe(true); // sent ahead, queued behind a
      expect(d.running()).toBe(false); // kept back: the only task left for the other worker
      releaseC.set(); // that worker ends c, runs d, then has nothing to do: it asks for b back
      const [identA, identB, identC, identD] = await within(Promise.all([a, b, c, d]), 'a task sent ahead of one that waits for it');
      expect(identA).not.toBe(identC);
      expect([identB, identD]).toEqual([identC, identC]);
    });

    test('a fast task batched behind one that waits for it moves to a worker that runs out of work', async () => {
      const fresh = pools.open({ maxWorkers: 2 });
      // Both workers started, and both functions below measured as fast (a moving average, so
      // the first calls' loading wears off), so the pool batches them.
      const isSet = new Event();
      isSet.set();
      for (let i = 0; i < 20; i++) {
        await Promise.all([fresh.submit(waitForEventThenReturn, isSet, 'warm'), fresh.submit(waitForEventThenReturn, isSet, 'warm')]);
        await Promise.all([fresh.submit(setEvent, new Event()), fresh.submit(setEvent, new Event())]);
      }
      const [startedX, releaseX, provided] = [new Event(), new Event(), new Event()];
      const x = fresh.submit(signalThenWait, startedX, releaseX, 'x'); // never run here: alone on one worker
      expect(await startedX.wait({ timeout: PROMPT_MS })).toBe(true);
      // Submitted together while one worker is busy: the other gets both, the provider queued behind the waiter.
      const waiter = fresh.submit(waitForEventThenReturn, provided, 'waited');
      const provider = fresh.submit(setEvent, provided);
      releaseX.set(); // the first worker ends x and, with nothing queued, asks for the provider
      expect(await within(Promise.all([x, waiter, provider]), 'a fast task batched behind one that waits for it')).toEqual(['x', 'waited', 'set']);
    });

    test('submit() returns a Future of the result, and many submits each get their own result', async () => {
      const futures = Array.from({ length: 40 }, (_, i) => pool().submit(add, i, i));
      expect(await Promise.all(futures)).toEqual(Array.from({ length: 40 }, (_, i) => 2 * i));
    });

    test('tasks run in workers, not in the calling thread', async () => {
      const seen = await pool().submit(reportWorker, 1);
      expect(seen.isMain).toBe(false);
      expect(seen.ident).not.toBe(getIdent());
    });

    test('with maxWorkers: 1 every task runs on the same single worker', async () => {
      const one = pools.open({ maxWorkers: 1 });
      const seen = await Promise.all(Array.from({ length: 6 }, (_, i) => one.submit(reportWorker, i)));
      expect(new Set(seen.map((s) => s.ident)).size).toBe(1);
    });

    test('with maxWorkers: 2 two tasks run at the same time (they meet at a 2-party Barrier)', async () => {
      const two = pools.open({ maxWorkers: 2 });
      const barrier = new Barrier(2);
      const [a, b] = await Promise.all([two.submit(waitAtBarrier, barrier, PROMPT_MS), two.submit(waitAtBarrier, barrier, PROMPT_MS)]);
      expect(new Set([a.index, b.index])).toEqual(new Set([0, 1]));
    });

    // API.md: "abort cancels queued work and terminates running work" — so the future is a
    // cancelled one and rejects with CancelledError, as a cancelled future does (map(), a wait
    // given up as a whole, rejects with AbortError instead; see its test).
    test('submitWith({ signal }) aborted while queued cancels the future (CancelledError) and the task never runs', async () => {
      const one = pools.open({ maxWorkers: 1 });
      const started = new Event();
      const release = new Event();
      const ran = new Event();
      const blocker = one.submit(signalThenWait, started, release, 'blocker');
      await started.wait({ timeout: PROMPT_MS });
      const controller = new AbortController();
      const queued = one.submitWith({ signal: controller.signal }, setEvent, ran);
      const reason = new Error('changed my mind');
      controller.abort(reason);
      const err = await rejectionOf(queued);
      expect(err).toBeInstanceOf(CancelledError);
      expect((err as Error).cause).toBe(reason);
      expect(queued.cancelled()).toBe(true);
      release.set();
      expect(await blocker).toBe('blocker');
      await one.shutdown({ wait: true });
      expect(ran.isSet()).toBe(false);
    });

    test('submitWith({ signal }) aborted while running terminates that worker (CancelledError, cause = reason); the pool carries on with a new one', async () => {
      const one = pools.open({ maxWorkers: 1 });
      const started = new Event();
      const before = await one.submit(reportWorker, 'before');
      const controller = new AbortController();
      const spinning = one.submitWith({ signal: controller.signal }, signalThenSpinForever, started);
      await started.wait({ timeout: PROMPT_MS });
      const reason = new Error('stop spinning');
      controller.abort(reason);
      const err = await rejectionOf(spinning);
      expect(err).toBeInstanceOf(CancelledError);
      expect((err as Error).cause).toBe(reason);
      const after = await one.submit(reportWorker, 'after');
      expect(after.item).toBe('after');
      expect(after.ident).not.toBe(before.ident);
    });

    test('submitWith() with an already aborted signal gives a cancelled future (cause = reason) and does not run the task', async () => {
      const one = pools.open({ maxWorkers: 1 });
      const ran = new Event();
      const reason = new Error('too late');
      const future = one.submitWith({ signal: AbortSignal.abort(reason) }, setEvent, ran);
      expect(future.cancelled()).toBe(true);
      const err = await errorOf(() => future);
      expect(err).toBeInstanceOf(CancelledError);
      expect((err as Error).cause).toBe(reason);
      expect((err as Error).message).toMatch(/already aborted/);
      await one.shutdown({ wait: true });
      expect(ran.isSet()).toBe(false);
    });

    test('a non-cloneable argument throws SerializationError synchronously, naming its position; the pool is unaffected', async () => {
      const release = new Event();
      const inFlight = pool().submit(waitForEventThenReturn, release, 'unaffected');
      class Secret {
        #token = 'private';
        reveal(): string {
          return this.#token;
        }
      }
      const cases: Array<[unknown[], string]> = [
        [[1, { cb: () => 1 }], 'args[1].cb'],
        [[Symbol('s')], 'args[0]'],
        [['ok', 'ok', new Secret()], 'args[2]'],
      ];
      for (const [args, position] of cases) {
        let thrown: unknown;
        try {
          pool().submit(echoAll, ...args);
        } catch (err) {
          thrown = err;
        }
        expect(thrown).toBeInstanceOf(SerializationError);
        expect((thrown as Error).message).toContain(position);
      }
      release.set();
      expect(await inFlight).toBe('unaffected');
      expect(await pool().submit(add, 20, 22)).toBe(42);
    });

    test('a finished task\'s arguments are not kept alive by the pool', async () => {
      const solo = pools.open({ maxWorkers: 1 });
      let collected = 0;
      const registry = new FinalizationRegistry(() => collected++);
      const submitSome = () =>
        Array.from({ length: 50 }, (_, i) => {
          const arg = { i, payload: new Uint8Array(64 * 1024) };
          registry.register(arg, i);
          return solo.submit(echo, arg).then((back: { i: number }) => back.i);
        });
      expect(await Promise.all(submitSome())).toEqual(Array.from({ length: 50 }, (_, i) => i));
      // Finalizers run as tasks after a collection; give them a bounded number of turns.
      for (let turn = 0; turn < 50 && collected < 50; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
        collectGarbage();
      }
      expect(collected).toBe(50);
    });

    test("a worker frees a finished task's arguments once the next task has come", async () => {
      const solo = pools.open({ maxWorkers: 1 });
      const sizes = Array.from({ length: 12 }, (_, i) => (i + 1) * 256 * 1024);
      expect(await Promise.all(sizes.map((n) => solo.submit(watchArgument, new Uint8Array(n))))).toEqual(sizes);
      expect(await solo.submit(collectWatched, sizes.length)).toBe(sizes.length);
    });

    test("a task's timers, immediates and promises still run while a burst of tasks keeps its worker busy", async () => {
      // Threads: a worker between tasks may wait for the next one synchronously; however fast
      // they come, it must still give its event loop what earlier tasks left behind.
      const solo = pools.open({ maxWorkers: 1 });
      await solo.submit(leaveWorkBehind);
      const burst = Array.from({ length: 20_000 }, () => solo.submit(leftWorkDone));
      const done = await Promise.all(burst);
      const firstDone = done.indexOf(true);
      expect(firstDone, 'the work left behind never ran during the burst').toBeGreaterThanOrEqual(0);
      expect(done.slice(firstDone).every(Boolean)).toBe(true);
    });
  });

  describe('WorkerPoolExecutor: map and starmap', () => {
    const pool = sharedPool({ maxWorkers: 2 });
    const pools = poolPerTest();

    test('awaiting map() gives every result in input order', async () => {
      const items = Array.from({ length: 50 }, (_, i) => i);
      expect(await pool().map(square, items)).toEqual(items.map((i) => i * i));
    });

    test('iterating map() yields results in input order even when a later item finishes first', async () => {
      const own = pools.open({ maxWorkers: 2 });
      const fastDone = new Event();
      const yielded: string[] = [];
      // 'slow' cannot finish before 'fast' has (it waits for fastDone), yet it is yielded first.
      for await (const r of own.starmap(finishOutOfOrder, [['slow', fastDone], ['fast', fastDone]], { chunksize: 1 })) {
        yielded.push(r);
      }
      expect(yielded).toEqual(['slow', 'fast']);
    });

    test('map() with ordered: false yields each result as soon as it completes', async () => {
      const own = pools.open({ maxWorkers: 2 });
      const release = new Event();
      const yielded: string[] = [];
      // 'slow' is released only once 'fast' has been yielded here: input order would deadlock.
      for await (const r of own.starmap(returnWhenReleased, [['slow', release], ['fast', null]], { chunksize: 1, ordered: false })) {
        yielded.push(r);
        if (r === 'fast') release.set();
      }
      expect(yielded).toEqual(['fast', 'slow']);
    });

    test('a pool that has run many short tasks still runs two ready tasks at once on its two workers', async () => {
      // The shared pool has run dozens of quick tasks by now. Two tasks that can only finish
      // together (a 2-party Barrier) must still get a worker each: with a worker idle, no task
      // may wait behind another one.
      await pool().map(square, Array.from({ length: 200 }, (_, i) => i));
      const viaSubmit = new Barrier(2);
      const submitted = [pool().submit(waitAtBarrier, viaSubmit, PROMPT_MS), pool().submit(waitAtBarrier, viaSubmit, PROMPT_MS)];
      expect(new Set((await Promise.all(submitted)).map((r) => r.index))).toEqual(new Set([0, 1]));
      const viaMap = new Barrier(2);
      const mapped = await pool().starmap(waitAtBarrier, [[viaMap, PROMPT_MS], [viaMap, PROMPT_MS]], { chunksize: 1 });
      expect(new Set(mapped.map((r) => r.index))).toEqual(new Set([0, 1]));
    });

    test('map() with chunksize runs each chunk of consecutive items on one worker and still yields every result in order', async () => {
      const items = Array.from({ length: 25 }, (_, i) => i);
      const results = (await pool().map(itemWithIdent, items, { chunksize: 10 })) as Array<[number, number]>;
      expect(results.map(([item]) => item)).toEqual(items);
      for (const [from, to] of [[0, 10], [10, 20], [20, 25]] as const) {
        const idents = new Set(results.slice(from, to).map(([, ident]) => ident));
        expect(idents.size).toBe(1);
      }
    });

    test('map() reads an endless iterable lazily with bounded read-ahead and closes it on break (chunksize: 1)', async () => {
      const { source, pulled, closed } = countingNaturals();
      const seen: number[] = [];
      for await (const r of pool().map(square, source, { chunksize: 1 })) {
        seen.push(r);
        if (seen.length === 5) break;
      }
      expect(seen).toEqual([0, 1, 4, 9, 16]);
      await within(closed, 'closing the source after break');
      expect(pulled()).toBeLessThan(5 + READ_AHEAD_BOUND_CHUNK_OF_ONE);
    });

    test('map() with the automatic chunksize reads an endless iterable lazily and closes it on break', async () => {
      const { source, pulled, closed } = countingNaturals();
      const seen: number[] = [];
      for await (const r of pool().map(square, source)) {
        seen.push(r);
        if (seen.length === 3) break;
      }
      expect(seen).toEqual([0, 1, 4]);
      await within(closed, 'closing the source after break');
      expect(pulled()).toBeLessThan(3 + READ_AHEAD_BOUND_AUTOMATIC);
    });

    test('map() reads an endless async iterable lazily and closes it on break', async () => {
      let pulled = 0;
      let markClosed!: () => void;
      const closed = new Promise<void>((resolve) => (markClosed = resolve));
      async function* naturals(): AsyncGenerator<number> {
        try {
          for (let i = 0; ; i++) {
            pulled++;
            yield i;
          }
        } finally {
          markClosed();
        }
      }
      const seen: number[] = [];
      for await (const r of pool().map(square, naturals(), { chunksize: 1, ordered: true })) {
        seen.push(r);
        if (seen.length === 4) break;
      }
      expect(seen).toEqual([0, 1, 4, 9]);
      await within(closed, 'closing the async source after break');
      expect(pulled).toBeLessThan(4 + READ_AHEAD_BOUND_CHUNK_OF_ONE);
    });

    test('map() over a finite async iterable gives all results in order', async () => {
      async function* upTo(n: number): AsyncGenerator<number> {
        for (let i = 0; i < n; i++) yield i;
      }
      expect(await pool().map(square, upTo(30))).toEqual(Array.from({ length: 30 }, (_, i) => i * i));
    });

    test('map() with a timeout throws TimeoutError when results are not ready in time', async () => {
      const own = pools.open({ maxWorkers: 2 });
      const release = new Event();
      const err = await rejectionOf(own.starmap(waitForEventThenReturn, [[release, 'a'], [release, 'b']], { timeout: 100 }));
      expect(err).toBeInstanceOf(TimeoutError);
      release.set();
    });

    // As Python's Executor.map: a result ready by the deadline is returned whenever it is read;
    // only the first one not ready by then raises TimeoutError.
    test('map() with a timeout yields every result that was ready by the deadline, however late it is read (iterating, awaiting, unordered)', async () => {
      const own = pools.open({ maxWorkers: 2 });
      await startWorkers(own, 2);
      const warmUp = own.stats().completed;
      const iterated = own.map(square, [1, 2, 3], { timeout: MAP_DEADLINE_MS, chunksize: 1 });
      const awaited = own.map(square, [1, 2, 3], { timeout: MAP_DEADLINE_MS, chunksize: 1 });
      const unordered = own.map(square, [1, 2, 3], { timeout: MAP_DEADLINE_MS, chunksize: 1, ordered: false });
      await eventually(() => own.stats().completed - warmUp === 9, 'all nine results arriving (none read yet)');
      await within(deadlinePassed(own, MAP_DEADLINE_MS), 'the deadline passing');
      expect(await collect(iterated)).toEqual([1, 4, 9]);
      expect(await awaited).toEqual([1, 4, 9]);
      expect((await collect(unordered)).sort()).toEqual([1, 4, 9]);
    });

    test('map() with a timeout: the first result not ready by the deadline throws TimeoutError after the ready ones before it (unordered: after all ready ones)', async () => {
      // One fresh pool per map, one worker per item: 'c' cannot end up queued behind 'b'.
      const own = pools.open({ maxWorkers: 3 });
      const other = pools.open({ maxWorkers: 3 });
      const release = new Event(); // held until the end: item 'b' cannot be ready by the deadline
      await Promise.all([startWorkers(own, 3), startWorkers(other, 3)]);
      const warmUp = own.stats().completed + other.stats().completed;
      try {
        const items = (): Array<[string, Event | null]> => [['a', null], ['b', release], ['c', null]];
        const ordered = own.starmap(returnWhenReleased, items(), { timeout: MAP_DEADLINE_MS, chunksize: 1 });
        const unordered = other.starmap(returnWhenReleased, items(), { timeout: MAP_DEADLINE_MS, chunksize: 1, ordered: false });
        await eventually(() => own.stats().completed + other.stats().completed - warmUp === 4, "the 'a' and 'c' results arriving (none read yet)");
        await within(deadlinePassed(other, MAP_DEADLINE_MS), 'the deadline passing');
        const inOrder: unknown[] = [];
        const err = await errorOf(async () => {
          for await (const r of ordered) inOrder.push(r);
        });
        expect(inOrder).toEqual(['a']); // 'c' was ready, but comes after the late 'b'
        expect(err).toBeInstanceOf(TimeoutError);
        expect((err as Error).message).toMatch(/item 1 was not ready within/);
        const anyOrder: unknown[] = [];
        expect(await errorOf(async () => {
          for await (const r of unordered) anyOrder.push(r);
        })).toBeInstanceOf(TimeoutError);
        expect(anyOrder.sort()).toEqual(['a', 'c']);
      } finally {
        release.set();
      }
      expect(await own.submit(add, 2, 3)).toBe(5);
    });

    test('map() with a signal: abort rejects with AbortError and terminates running work; the pool carries on', async () => {
      const own = pools.open({ maxWorkers: 2 });
      const started = new Event();
      const controller = new AbortController();
      const mapping = own.map(signalThenSpinForever, [started, started, started, started], { chunksize: 1, signal: controller.signal });
      const outcome = rejectionOf(mapping);
      await started.wait({ timeout: PROMPT_MS });
      const reason = new Error('enough');
      controller.abort(reason);
      const err = await outcome;
      expect(err).toBeInstanceOf(AbortError);
      expect((err as Error).cause).toBe(reason);
      expect(await own.submit(add, 1, 1)).toBe(2);
    });

    test('starmap() spreads each tuple into the arguments, from an iterable or an async iterable', async () => {
      expect(await pool().starmap(add, [[1, 2], [3, 4], [5, 6]])).toEqual([3, 7, 11]);
      async function* pairs(): AsyncGenerator<[number, number]> {
        yield [10, 1];
        yield [20, 2];
      }
      expect(await pool().starmap(add, pairs())).toEqual([11, 22]);
    });

    test('the first failure rejects map() with the task\'s own error; taskFailure() gives the failing item\'s index', async () => {
      const own = pools.open({ maxWorkers: 2 });
      const log = new Queue<number>();
      const failure = await rejectionOf(own.starmap(recordThenDouble, Array.from({ length: 8 }, (_, i) => [i, log, 5]), { chunksize: 1 }));
      expect(failure).toBeInstanceOf(RangeError);
      expect((failure as Error).message).toBe('item 5 is bad');
      const where = taskFailure(failure);
      expect(where?.index).toBe(5);
      expect(typeof where?.workerIdent).toBe('number');
      expect(where?.workerIdent).not.toBe(getIdent());
      expect(typeof where?.workerName).toBe('string');
      expect((failure as { weft?: unknown }).weft).toEqual(where);
      expect(Object.keys(failure as object)).not.toContain('weft');
    });

    test('map() results take catch() and finally() as a Promise does', async () => {
      const own = pools.open({ maxWorkers: 2 });
      const log = new Queue<number>();
      const caught = await own.starmap(recordThenDouble, [0, 1, 2].map((i) => [i, log, 1]), { chunksize: 1 }).catch((e: unknown) => (e as Error).message);
      expect(caught).toBe('item 1 is bad');
      let finallyRan = false;
      const all = await own.map(square, [1, 2, 3]).finally(() => (finallyRan = true));
      expect(all).toEqual([1, 4, 9]);
      expect(finallyRan).toBe(true);
    });

    test('the first failure cancels the items that have not started', async () => {
      const own = pools.open({ maxWorkers: 1 });
      const log = new Queue<number>();
      const count = 200;
      const failure = await rejectionOf(own.starmap(recordThenDouble, Array.from({ length: count }, (_, i) => [i, log, 3]), { chunksize: 1 }));
      expect(taskFailure(failure)?.index).toBe(3);
      await own.shutdown({ wait: true });
      const ran = drain(log);
      expect(ran.slice(0, 4)).toEqual([0, 1, 2, 3]);
      expect(ran.length).toBeLessThan(count);
      expect(ran).not.toContain(count - 1);
    });

    test('iterating a failing map() yields the results before the failure, then throws it', async () => {
      const log = new Queue<number>();
      const yielded: number[] = [];
      const err = await rejectionOf(
        (async () => {
          for await (const r of pool().starmap(recordThenDouble, [0, 1, 2, 3, 4].map((i) => [i, log, 3]), { chunksize: 1 })) yielded.push(r);
        })(),
      );
      expect(err).toBeInstanceOf(RangeError);
      expect(yielded).toEqual([0, 2, 4]);
    });

    test('invalid map options are rejected, naming the option', async () => {
      const cases: Array<[Record<string, unknown>, string, typeof TypeError | typeof RangeError]> = [
        [{ chunksize: 0 }, 'chunksize', RangeError],
        [{ chunksize: 'big' }, 'chunksize', TypeError],
        [{ ordered: 'yes' }, 'ordered', TypeError],
        [{ timeout: -1 }, 'timeout', RangeError],
        [{ signal: 'stop' }, 'signal', TypeError],
      ];
      for (const [options, name, kind] of cases) {
        const err = await errorOf(() => pool().map(square, [1, 2], options as never));
        expect(err, `map options ${JSON.stringify(options)}`).toBeInstanceOf(kind);
        expect((err as Error).message).toContain(`options.${name}`);
      }
    });

    test("map(fn, xs, ys) — Python's several iterables — is a TypeError that points to starmap()", async () => {
      const err = await errorOf(() => pool().map(square, [1, 2], [3, 4] as never));
      expect(err).toBeInstanceOf(TypeError);
      expect((err as Error).message).toMatch(/one iterable.*starmap\(/);
    });
  });

  describe('WorkerPoolExecutor: options', () => {
    const pools = poolPerTest();

    test('invalid constructor options throw TypeError or RangeError naming the option', () => {
      const cases: Array<[Record<string, unknown>, string, typeof TypeError | typeof RangeError]> = [
        [{ maxWorkers: 0 }, 'maxWorkers', RangeError],
        [{ maxWorkers: 1.5 }, 'maxWorkers', RangeError],
        [{ maxWorkers: 'two' }, 'maxWorkers', TypeError],
        [{ maxTasksPerWorker: 0 }, 'maxTasksPerWorker', RangeError],
        [{ idleTimeout: -5 }, 'idleTimeout', RangeError],
        [{ idleTimeout: 'soon' }, 'idleTimeout', TypeError],
        [{ initializer: 42 }, 'initializer', TypeError],
        [{ initargs: 'not an array' }, 'initargs', TypeError],
        [{ name: 7 }, 'name', TypeError],
      ];
      for (const [options, name, kind] of cases) {
        let thrown: unknown;
        try {
          new WorkerPoolExecutor(options as never);
        } catch (err) {
          thrown = err;
        }
        expect(thrown, `options ${JSON.stringify(options)}`).toBeInstanceOf(kind);
        expect((thrown as Error).message).toContain(`options.${name}`);
      }
    });

    test('invalid submitWith options are rejected, naming the option', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const err = await errorOf(() => pool.submitWith({ signal: 'stop' } as never, add, 1, 2));
      expect(err).toBeInstanceOf(TypeError);
      expect((err as Error).message).toContain('options.signal');
    });

    test('the initializer runs with its initargs in each worker before that worker runs tasks', async () => {
      const pool = pools.open({ maxWorkers: 2, initializer: rememberValue, initargs: ['token', { value: 42 }] });
      const seen = await Promise.all(Array.from({ length: 6 }, () => pool.submit(recallValue, 'token')));
      expect(seen).toEqual(Array.from({ length: 6 }, () => ({ value: 42 })));
    });

    test('a Queue passed in initargs works in every worker', async () => {
      const inbox = new Queue<number>();
      const pool = pools.open({ maxWorkers: 2, initializer: rememberQueue, initargs: [inbox] });
      await pool.map(putIntoRememberedQueue, [1, 2, 3, 4], { chunksize: 1 });
      expect(drain(inbox).sort()).toEqual([1, 2, 3, 4]);
    });

    test('a failing initializer fails the submitted work with its error instead of hanging', async () => {
      const pool = pools.open({ maxWorkers: 1, initializer: failingInitializer });
      const err = await rejectionOf(pool.submit(add, 1, 2));
      expect(messageChain(err)).toContain('the initializer failed on purpose');
    });

    test('maxTasksPerWorker recycles a worker after that many tasks', async () => {
      const pool = pools.open({ maxWorkers: 1, maxTasksPerWorker: 2 });
      const idents: number[] = [];
      for (let i = 0; i < 4; i++) idents.push((await pool.submit(reportWorker, i)).ident);
      expect(idents[0]).toBe(idents[1]);
      expect(idents[2]).toBe(idents[3]);
      expect(idents[2]).not.toBe(idents[1]);
    });

    test("the name option names the pool's workers", async () => {
      const pool = pools.open({ maxWorkers: 1, name: 'crunch' });
      const seen = await pool.submit(reportWorker, 0);
      expect(seen.name).toContain('crunch');
    });

    test('a task that exceeds resourceLimits fails with ResourceLimitError or WorkerCrashedError; the pool carries on', async () => {
      const pool = pools.open({ maxWorkers: 1, resourceLimits: { maxOldGenerationSizeMb: 32 } });
      const err = await rejectionOf(pool.submit(allocateUntilOutOfMemory));
      // threads report the heap limit as such (ERR_WORKER_OUT_OF_MEMORY); a child process that
      // hits --max-old-space-size aborts, which its parent may only see as a crash.
      expect(err instanceof ResourceLimitError || err instanceof WorkerCrashedError).toBe(true);
      if (backend === 'worker_threads') expect(err).toBeInstanceOf(ResourceLimitError);
      expect(await pool.submit(add, 2, 3)).toBe(5);
    });
  });

  describe('WorkerPoolExecutor: shutdown', () => {
    const pools = poolPerTest();

    test('shutdown() waits for running and queued tasks to finish before it resolves', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const started = new Event();
      const release = new Event();
      const order: string[] = [];
      const running = pool.submit(signalThenWait, started, release, 'running');
      const queued = pool.submit(add, 1, 2);
      running.addDoneCallback(() => order.push('running done'));
      queued.addDoneCallback(() => order.push('queued done'));
      await started.wait({ timeout: PROMPT_MS });
      const shutdown = pool.shutdown().then(() => order.push('shutdown resolved'));
      await new Promise((resolve) => setImmediate(resolve)); // give an early resolution its chance
      order.push('released');
      release.set();
      await shutdown;
      expect(order).toEqual(['released', 'running done', 'queued done', 'shutdown resolved']);
      expect(await queued).toBe(3);
    });

    test('shutdown({ cancelFutures: true }) cancels the queued futures; the running one completes', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const started = new Event();
      const release = new Event();
      const running = pool.submit(signalThenWait, started, release, 'running');
      await started.wait({ timeout: PROMPT_MS });
      const queued = [pool.submit(add, 1, 1), pool.submit(add, 2, 2)];
      const shutdown = pool.shutdown({ cancelFutures: true });
      release.set();
      await shutdown;
      expect(queued.map((f) => f.cancelled())).toEqual([true, true]);
      expect(await running).toBe('running');
      for (const f of queued) expect(await rejectionOf(f)).toBeInstanceOf(CancelledError);
    });

    test('shutdown({ wait: false }) resolves without waiting; running work still completes', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const started = new Event();
      const release = new Event();
      const running = pool.submit(signalThenWait, started, release, 'still done');
      await started.wait({ timeout: PROMPT_MS });
      await pool.shutdown({ wait: false });
      expect(running.done()).toBe(false);
      release.set();
      expect(await running).toBe('still done');
    });

    test('shutdown() is idempotent, and submit/map/starmap afterwards throw ExecutorShutdownError synchronously', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      expect(await pool.submit(add, 1, 1)).toBe(2);
      await Promise.all([pool.shutdown(), pool.shutdown()]);
      await pool.shutdown();
      expect(() => pool.submit(add, 1, 1)).toThrow(ExecutorShutdownError);
      expect(() => pool.submitWith({}, add, 1, 1)).toThrow(ExecutorShutdownError);
      expect(() => pool.map(square, [1])).toThrow(ExecutorShutdownError);
      expect(() => pool.starmap(add, [[1, 1]])).toThrow(ExecutorShutdownError);
    });

    test('await using shuts the pool down at the end of the block (Symbol.asyncDispose)', async () => {
      let escaped: WorkerPoolExecutor | undefined;
      {
        await using pool = new WorkerPoolExecutor({ maxWorkers: 1 });
        escaped = pool;
        expect(await pool.submit(add, 2, 2)).toBe(4);
      }
      expect(() => escaped!.submit(add, 1, 1)).toThrow(ExecutorShutdownError);
      const direct = new WorkerPoolExecutor({ maxWorkers: 1 });
      await direct[Symbol.asyncDispose]();
      expect(() => direct.submit(add, 1, 1)).toThrow(ExecutorShutdownError);
    });

    test('a pool that never ran anything shuts down at once', async () => {
      const pool = new WorkerPoolExecutor({ maxWorkers: 2 });
      await pool.shutdown();
      expect(() => pool.submit(echo, 1)).toThrow(ExecutorShutdownError);
    });

    test('isWeftError() recognises ExecutorShutdownError by its code', async () => {
      const pool = new WorkerPoolExecutor({ maxWorkers: 1 });
      await pool.shutdown();
      let thrown: unknown;
      try {
        pool.submit(add, 1, 1);
      } catch (err) {
        thrown = err;
      }
      expect(isWeftError(thrown)).toBe(true);
      expect(isWeftError(thrown, 'ERR_WEFT_EXECUTOR_SHUTDOWN')).toBe(true);
      expect(isWeftError(thrown, 'ERR_WEFT_TIMEOUT')).toBe(false);
    });
  });
}
