// pmap() and gmap(): the parfor-style conveniences on the shared default pool (API.md,
// "Parallel map conveniences"; issue 4, items 1-3).
import { describe, expect, test } from 'vitest';
import { AbortError, Event, Queue, WorkerPoolExecutor, activeChildren, defaultPool, getIdent, gmap, pmap, taskFailure } from '@weft/core';
import { blockOn, failOn, failOrWaitForRelease, spinThenFail, squareLater, squarePlus, startedThenWait, whereAmI } from '../fixtures/parallel-tasks.mjs';
import type { ConformanceContext } from '../support/context.js';
import { errorOf, rejectionOf } from '../support/error-of.js';
import { PROMPT_MS } from '../support/limits.js';
import { drainLog, eventually, naturals, range, takeFromLog } from '../support/parallel-helpers.js';
import { within } from '../support/within.js';

export function parallelPmapSuite(_ctx: ConformanceContext): void {
  describe('pmap / gmap: results', () => {
    test('pmap returns the results in input order, for task, plain-function and { module, name } forms', async () => {
      const items = range(200);
      expect(await pmap(squarePlus, items)).toEqual(items.map((x) => x * x));
      expect(await pmap((x: number) => x + 1, items)).toEqual(items.map((x) => x + 1));
      expect(await pmap({ module: new URL('../fixtures/arithmetic.mjs', import.meta.url) }, [1, 2, 3])).toEqual([-1, -2, -3]);
    });

    test('args are appended after the item: fn(item, ...args)', async () => {
      expect(await pmap(squarePlus, [1, 2, 3], { args: [10, 2] })).toEqual([22, 28, 38]);
    });

    test('withIndex gives [index, result] pairs; with ordered: false every index comes exactly once', async () => {
      expect(await pmap(squarePlus, [5, 6, 7], { withIndex: true })).toEqual([
        [0, 25],
        [1, 36],
        [2, 49],
      ]);
      const pairs = await pmap(squarePlus, range(300), { withIndex: true, ordered: false, chunksize: 7 });
      expect(pairs).toHaveLength(300);
      expect(pairs.map(([i]) => i).sort((a, b) => a - b)).toEqual(range(300));
      for (const [i, r] of pairs) expect(r).toBe(i * i);
    });

    test('async task functions are awaited in the worker', async () => {
      expect(await pmap(squareLater, [1, 2, 3, 4])).toEqual([1, 4, 9, 16]);
    });

    test('the input may be a generator, a Set or an async iterable; an empty input gives []', async () => {
      async function* oneTwoThree() {
        yield 1;
        yield 2;
        yield 3;
      }
      expect(await pmap(squarePlus, oneTwoThree())).toEqual([1, 4, 9]);
      expect(await pmap(squarePlus, new Set([4, 5]))).toEqual([16, 25]);
      expect(await pmap(squarePlus, naturals(4).values)).toEqual([0, 1, 4, 9]);
      expect(await pmap(squarePlus, [])).toEqual([]);
    });

    test('chunksize batches items; the automatic default gives the same results', async () => {
      const items = range(20_000);
      const fixed = await pmap(squarePlus, items, { chunksize: 500 });
      const automatic = await pmap(squarePlus, items);
      expect(fixed).toEqual(automatic);
      expect(automatic[19_999]).toBe(19_999 * 19_999);
    });

    test('gmap streams: a result arrives while a later item is still running', async () => {
      const started = new Event();
      const release = new Event();
      try {
        const iterator = gmap(blockOn, [0, 1], { ordered: false, chunksize: 1, maxWorkers: 2, args: [1, started, release] })[Symbol.asyncIterator]();
        const first = await within(iterator.next(), 'the first gmap result');
        expect(first.value).toBe('item 0');
        await within(started.wait({ timeout: PROMPT_MS }), 'item 1 starting');
        expect(release.isSet()).toBe(false); // so item 1 cannot have finished
        release.set();
        expect((await within(iterator.next(), 'the second gmap result')).value).toBe('item 1');
        expect((await iterator.next()).done).toBe(true);
      } finally {
        release.set();
      }
    });

    test('ordered gmap yields in input order even when a later item finishes first', async () => {
      const started = new Event();
      const release = new Event();
      try {
        const iterator = gmap(blockOn, [0, 1, 2], { chunksize: 1, maxWorkers: 2, args: [0, started, release] })[Symbol.asyncIterator]();
        const first = iterator.next();
        await within(started.wait({ timeout: PROMPT_MS }), 'item 0 starting');
        release.set();
        expect((await within(first, 'the first result')).value).toBe('item 0');
        expect((await iterator.next()).value).toBe('item 1');
        expect((await iterator.next()).value).toBe('item 2');
      } finally {
        release.set();
      }
    });

    test('gmap starts nothing until it is iterated, and break stops reading an endless input', async () => {
      const source = naturals();
      const stream = gmap(squarePlus, source.values, { chunksize: 1 });
      expect(source.pulled()).toBe(0);
      const seen: number[] = [];
      for await (const r of stream) {
        seen.push(r);
        if (seen.length === 10) break;
      }
      expect(seen).toEqual(range(10).map((x) => x * x));
      await within(source.closed, 'the endless input being closed after break');
      expect(source.pulled()).toBeLessThan(1_000);
    });

    test('withIndex on gmap', async () => {
      const out: Array<[number, number]> = [];
      for await (const pair of gmap(squarePlus, [3, 4], { withIndex: true })) out.push(pair);
      expect(out).toEqual([
        [0, 9],
        [1, 16],
      ]);
    });
  });

  describe('pmap / gmap: the shared pool', () => {
    test('runs in workers, and later calls reuse the same pool and its warm workers', async () => {
      const first = await pmap(whereAmI, range(8), { chunksize: 1 });
      const second = await pmap(whereAmI, range(8), { chunksize: 1 });
      for (const r of [...first, ...second]) {
        expect(r.main).toBe(false);
        expect(r.ident).not.toBe(getIdent());
      }
      expect(defaultPool()).toBe(defaultPool());
      expect(defaultPool().stats().completed).toBeGreaterThanOrEqual(16);
      const idents = new Set(first.map((r) => r.ident));
      expect(second.some((r) => idents.has(r.ident))).toBe(true);
    });

    test('maxWorkers picks a pool of that size, kept for later calls with the same maxWorkers', async () => {
      const one = await pmap(whereAmI, range(12), { maxWorkers: 1, chunksize: 1 });
      expect(new Set(one.map((r) => r.ident)).size).toBe(1);
      expect(defaultPool(1)).toBe(defaultPool(1));
      expect(defaultPool(1)).not.toBe(defaultPool(3));
      expect(defaultPool(1).maxWorkers).toBe(1);
      const again = await pmap(whereAmI, range(4), { maxWorkers: 1 });
      expect(again[0]!.ident).toBe(one[0]!.ident);
    });

    test('a shared pool that was shut down is replaced by the next call', async () => {
      await pmap(squarePlus, [1], { maxWorkers: 2 });
      const old = defaultPool(2);
      await old.shutdown();
      expect(await pmap(squarePlus, [1, 2], { maxWorkers: 2 })).toEqual([1, 4]);
      expect(defaultPool(2)).not.toBe(old);
      expect(defaultPool(2).stats().completed).toBe(2);
    });
  });

  describe('pmap / gmap: serial', () => {
    test('serial runs in this thread, one item after another, with the same results', async () => {
      const items = range(30);
      expect(await pmap(squarePlus, items, { serial: true, args: [1] })).toEqual(await pmap(squarePlus, items, { args: [1] }));
      const where = await pmap(whereAmI, [1, 2], { serial: true });
      expect(where.every((r) => r.main && r.ident === getIdent())).toBe(true);
      expect(await pmap(squareLater, [2, 3], { serial: true, withIndex: true })).toEqual([
        [0, 4],
        [1, 9],
      ]);
      const streamed: number[] = [];
      for await (const r of gmap(squarePlus, [1, 2, 3], { serial: true })) streamed.push(r);
      expect(streamed).toEqual([1, 4, 9]);
    });

    test('serial surfaces a failure the same way: the error itself, its index, this thread as the worker', async () => {
      const err = await rejectionOf(pmap(failOn, range(10), { serial: true, args: [6] }));
      expect(err).toBeInstanceOf(RangeError);
      expect((err as Error).message).toBe('item 6 is bad');
      expect((err as { code?: string }).code).toBe('E_BAD_ITEM');
      expect(taskFailure(err)).toMatchObject({ index: 6, workerIdent: getIdent() });
    });

    test('taskSignal() works inside a serial task, and an abort stops the run', async () => {
      const release = new Event();
      const log = new Queue<unknown>();
      const controller = new AbortController();
      const run = pmap(failOrWaitForRelease, range(5), { serial: true, args: [-1, release, log], signal: controller.signal });
      await takeFromLog(log, (e) => e === 'start:0', 'item 0 starting');
      controller.abort();
      expect(await within(rejectionOf(run), 'the serial run rejecting')).toBeInstanceOf(AbortError);
      await takeFromLog(log, (e) => e === 'aborted:0', 'item 0 seeing its taskSignal fire');
      expect(drainLog(log)).toEqual([]); // item 1 never started
    });
  });

  describe('pmap / gmap: first failure wins', () => {
    test('the error surfaces as itself, with the failing index and the worker ident', async () => {
      const err = await rejectionOf(pmap(failOn, range(50), { args: [17] }));
      expect(err).toBeInstanceOf(RangeError);
      expect((err as Error).message).toBe('item 17 is bad');
      expect((err as { code?: string }).code).toBe('E_BAD_ITEM');
      const where = taskFailure(err);
      expect(where?.index).toBe(17);
      expect(typeof where?.workerIdent).toBe('number');
      expect(where?.workerIdent).not.toBe(getIdent());
    });

    test('gmap yields every result before the failing item, then throws the failure from the loop', async () => {
      const seen: number[] = [];
      const err = await errorOf(async () => {
        for await (const r of gmap(failOn, range(20), { args: [5], chunksize: 1 })) seen.push(r);
      });
      expect(err).toBeInstanceOf(RangeError);
      expect(taskFailure(err)?.index).toBe(5);
      // as a serial loop would: every result before the failing item, then the error
      expect(seen).toEqual([0, 1, 2, 3, 4]);
    });

    test('the first failure rejects at once, stops the items that run and never starts the rest', async () => {
      const release = new Event();
      const log = new Queue<unknown>();
      const zeroStarted = new Event();
      try {
        // Item 1 fails as soon as item 0 has started (before that, item 0 could still be
        // cancelled unstarted, and there would be nothing running to stop); item 0 waits for a
        // release that never comes. So the rejection can only come from the failure winning —
        // not from everything having finished.
        const err = await within(rejectionOf(pmap(failOrWaitForRelease, range(60), { args: [1, release, log, zeroStarted], chunksize: 1, maxWorkers: 2 })), 'the rejection');
        expect(err).toBeInstanceOf(RangeError);
        expect(taskFailure(err)?.index).toBe(1);
        const entries = await takeFromLog(log, (e) => e === 'aborted:0', 'item 0 (running) being told to stop');
        expect(entries).toContain('start:0');
        expect(entries.filter((e) => String(e).startsWith('start:')).length).toBeLessThan(8);
      } finally {
        release.set();
      }
    });

    test('an item that ignores its signal is terminated after the grace period: its worker only, never another caller\'s', async () => {
      const pool = new WorkerPoolExecutor({ maxWorkers: 3, abortGracePeriod: 100 });
      const otherStarted = new Event();
      const otherRelease = new Event();
      const otherLog = new Queue<unknown>();
      const spinning = new Event();
      const spinLog = new Queue<unknown>();
      try {
        // another caller's task, on its own worker through all of this
        const other = pool.submit(startedThenWait, otherStarted, otherRelease, otherLog, 'other caller');
        await within(otherStarted.wait({ timeout: PROMPT_MS }), 'the other caller starting');
        // item 0 spins, ignoring its signal; item 1 then fails: the map fails at once
        const failure = await within(rejectionOf(pool.starmap(spinThenFail, [[0, spinning, spinLog], [1, spinning, spinLog], [2, spinning, spinLog]], { chunksize: 1 })), 'the map failing');
        expect((failure as Error).message).toBe('item 1 failed while item 0 spins');
        const [spinnerIdent] = await takeFromLog(spinLog, () => true, 'the spinner reporting its ident');
        await eventually(() => !activeChildren().some((c) => c.ident === spinnerIdent), "the spinning item's worker being terminated");
        // the other caller's worker was left alone: its task finishes there, having run once
        otherRelease.set();
        const result = await within(other, 'the other caller finishing');
        expect(result.value).toBe('other caller');
        expect(drainLog(otherLog)).toEqual([result.ident]);
        // and the pool carries on
        expect(await pool.map(squarePlus, [1, 2, 3])).toEqual([1, 4, 9]);
      } finally {
        otherRelease.set();
        await pool.shutdown({ wait: false, cancelFutures: true });
      }
    });

    test('a signal aborts a pmap: AbortError, and running items are told to stop', async () => {
      const release = new Event();
      const log = new Queue<unknown>();
      const controller = new AbortController();
      try {
        const run = pmap(failOrWaitForRelease, range(10), { args: [-1, release, log], chunksize: 1, maxWorkers: 2, signal: controller.signal });
        await takeFromLog(log, (e) => e === 'start:0', 'item 0 starting');
        controller.abort(new Error('enough'));
        const err = await within(rejectionOf(run), 'the aborted pmap rejecting');
        expect(err).toBeInstanceOf(AbortError);
        expect(((err as Error).cause as Error).message).toBe('enough');
        await takeFromLog(log, (e) => e === 'aborted:0', 'item 0 being told to stop');
      } finally {
        release.set();
      }
      const already = new AbortController();
      already.abort();
      expect(await rejectionOf(pmap(squarePlus, [1], { signal: already.signal }))).toBeInstanceOf(AbortError);
      expect(await rejectionOf(pmap(squarePlus, [1], { signal: already.signal, serial: true }))).toBeInstanceOf(AbortError);
    });
  });

  describe('pmap / gmap: progress', () => {
    test('a progress callback sees (done, total) rising to the item count', async () => {
      const calls: Array<[number, number | undefined]> = [];
      await pmap(squarePlus, range(500), { progress: (done, total) => calls.push([done, total]) });
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.at(-1)).toEqual([500, 500]);
      for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
    });

    test('total is undefined for an input without a length, unless options.total gives it', async () => {
      const totals: Array<number | undefined> = [];
      await pmap(squarePlus, naturals(5).values, { progress: (_done, total) => totals.push(total) });
      expect(totals.length).toBeGreaterThan(0);
      expect(totals.every((t) => t === undefined)).toBe(true);
      const told: Array<[number, number | undefined]> = [];
      await pmap(squarePlus, naturals(5).values, { total: 5, progress: (done, total) => told.push([done, total]) });
      expect(told.at(-1)).toEqual([5, 5]);
    });

    test('serial reports progress item by item; gmap too', async () => {
      const done: number[] = [];
      await pmap(squarePlus, range(4), { serial: true, progress: (d) => done.push(d) });
      expect(done).toEqual([1, 2, 3, 4]);
      const streamed: number[] = [];
      for await (const r of gmap(squarePlus, range(3), { serial: true, progress: (d) => streamed.push(d) })) void r;
      expect(streamed).toEqual([1, 2, 3]);
    });

    test('a progress callback that throws fails the run with its own error', async () => {
      const boom = new Error('progress callback failed');
      const fail = () => {
        throw boom;
      };
      expect(await rejectionOf(pmap(squarePlus, range(100), { chunksize: 1, progress: fail }))).toBe(boom);
      expect(await rejectionOf(pmap(squarePlus, range(3), { serial: true, progress: fail }))).toBe(boom);
    });

    test('progress: true while stderr is not a terminal draws nothing and changes nothing', async () => {
      expect(await pmap(squarePlus, [1, 2, 3], { progress: true })).toEqual([1, 4, 9]);
    });
  });

  describe('pmap / gmap: arguments are checked at the call', () => {
    test('invalid options are a TypeError / RangeError naming the option', async () => {
      const cases: Array<[Record<string, unknown>, ErrorConstructor, RegExp]> = [
        [{ chunksize: 0 }, RangeError, /options\.chunksize/],
        [{ chunksize: 1.5 }, RangeError, /options\.chunksize/],
        [{ maxWorkers: 0 }, RangeError, /options\.maxWorkers/],
        [{ total: -1 }, RangeError, /options\.total/],
        [{ ordered: 'yes' }, TypeError, /options\.ordered/],
        [{ withIndex: 1 }, TypeError, /options\.withIndex/],
        [{ serial: 'no' }, TypeError, /options\.serial/],
        [{ args: 5 }, TypeError, /options\.args/],
        [{ progress: 'bar' }, TypeError, /options\.progress/],
        [{ signal: {} }, TypeError, /options\.signal/],
        [{ chunkSize: 4 }, TypeError, /options\.chunkSize/],
      ];
      for (const [options, type, message] of cases) {
        for (const call of [() => pmap(squarePlus, [1], options as never), () => gmap(squarePlus, [1], options as never)]) {
          expect(call, JSON.stringify(options)).toThrow(type);
          expect(call).toThrow(message);
        }
      }
    });

    test('a wrong function or a non-iterable input is a TypeError at the call', () => {
      expect(() => pmap(42 as never, [1])).toThrow(TypeError);
      expect(() => gmap(squarePlus, 42 as never)).toThrow(/items must be an iterable/);
      expect(() => pmap(squarePlus, null as never)).toThrow(TypeError);
    });
  });
}
