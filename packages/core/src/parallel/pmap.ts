// pmap() and gmap(): parfor-style parallel map on the shared default pool. Both are thin:
// options are checked here, the work is one executor map run (map-run.ts: lazy input,
// chunking, ordering, first failure wins) or, with `serial`, a loop in this thread.
//
//   pmap(fn, items, opts) ─┐                     ┌─ serial: serialMap() here, in order
//   gmap(fn, items, opts) ─┴─ validate ─ plan ───┤
//                                                └─ defaultPool(maxWorkers).mapWith(…)
//                                                     results / [index, result] ─▶ caller
//                                                     items done ─▶ progress (bar | callback)
import type { MapResult } from '../executor/map-run.js';
import { resolveFn } from '../functions/fn-ref.js';
import { withDefaultPool } from './default-pool.js';
import { checkItems, knownTotal, validatePmapOptions, type MapFn, type PmapOptions } from './pmap-options.js';
import { openProgress, type Progress } from './progress.js';
import { serialMap } from './serial-map.js';

type Items<T> = Iterable<T> | AsyncIterable<T>;

interface Plan {
  readonly where: 'pmap()' | 'gmap()';
  readonly fn: unknown;
  readonly items: Items<unknown>;
  readonly options: PmapOptions<readonly unknown[]>;
  readonly toArgs: (item: unknown) => unknown[];
  /** the constant extra arguments: items travel bare, each call is fn(item, ...extra) */
  readonly extra: unknown[];
}

/**
 * `fn(item, ...args)` for every item, in parallel on the shared pool → the results in input
 * order. The first failure rejects with the task's own error (taskFailure(err).index tells
 * which item) after cancelling what has not started and stopping what runs.
 * @throws TypeError / RangeError (synchronously) for invalid arguments or options.
 */
export function pmap<T, A extends readonly unknown[], R>(fn: MapFn<T, A, R>, items: Items<T>, options: PmapOptions<A> & { readonly withIndex: true }): Promise<Array<[number, Awaited<R>]>>;
export function pmap<T, A extends readonly unknown[], R>(fn: MapFn<T, A, R>, items: Items<T>, options?: PmapOptions<A>): Promise<Array<Awaited<R>>>;
export function pmap(fn: unknown, items: unknown, options?: PmapOptions<readonly unknown[]>): Promise<unknown[]> {
  return collect(plan('pmap()', fn, items, options));
}

/**
 * As pmap(), as a stream: results arrive while later items still run, the input is read
 * lazily (bounded read-ahead, so an endless generator works), and `break` stops the rest.
 * Nothing starts until the first result is asked for.
 * @throws TypeError / RangeError (synchronously) for invalid arguments or options.
 */
export function gmap<T, A extends readonly unknown[], R>(fn: MapFn<T, A, R>, items: Items<T>, options: PmapOptions<A> & { readonly withIndex: true }): AsyncGenerator<[number, Awaited<R>], void, undefined>;
export function gmap<T, A extends readonly unknown[], R>(fn: MapFn<T, A, R>, items: Items<T>, options?: PmapOptions<A>): AsyncGenerator<Awaited<R>, void, undefined>;
export function gmap(fn: unknown, items: unknown, options?: PmapOptions<readonly unknown[]>): AsyncGenerator<unknown, void, undefined> {
  return stream(plan('gmap()', fn, items, options));
}

function plan(where: Plan['where'], fn: unknown, items: unknown, options: PmapOptions<readonly unknown[]> | undefined): Plan {
  validatePmapOptions(where, options);
  resolveFn(fn, where); // a wrong function is a TypeError now, not at the first result
  const input = checkItems(where, items);
  const extra = options?.args ?? [];
  return { where, fn, items: input, options: options ?? {}, toArgs: extra.length === 0 ? (item) => [item] : (item) => [item, ...extra], extra: [...extra] };
}

/**
 * What one run needs around the map itself: progress, and a signal that also fires when
 * the progress callback throws (the run then fails with the callback's own error).
 */
class RunFrame {
  readonly progress: Progress | undefined;
  readonly signal: AbortSignal | undefined;
  #callbackError: { error: unknown } | undefined;

  constructor(p: Plan) {
    const { options } = p;
    let internal: AbortController | undefined;
    if (typeof options.progress === 'function') internal = new AbortController();
    this.progress = openProgress(p.where.slice(0, 4), options.progress, knownTotal(p.items, options.total), (error) => {
      this.#callbackError = { error };
      internal?.abort(error);
    });
    this.signal = internal === undefined ? options.signal : options.signal === undefined ? internal.signal : AbortSignal.any([options.signal, internal.signal]);
  }

  get onProgress(): ((done: number) => void) | undefined {
    const progress = this.progress;
    return progress === undefined ? undefined : (done) => progress.update(done);
  }

  /** The error the run should fail with: the progress callback's, if that is what stopped it. */
  failure(err: unknown): unknown {
    return this.#callbackError !== undefined ? this.#callbackError.error : err;
  }
}

function parallel<R>(p: Plan, frame: RunFrame): MapResult<R> {
  const { options } = p;
  return withDefaultPool(options.maxWorkers, (pool) =>
    pool.mapWith<R>(
      p.where,
      p.fn,
      p.items,
      { chunksize: options.chunksize, ordered: options.ordered, signal: frame.signal },
      { toArgs: p.toArgs, flatExtra: p.extra, onProgress: frame.onProgress, withIndex: options.withIndex },
    ),
  );
}

function serial(p: Plan, frame: RunFrame) {
  return serialMap({ where: p.where, fn: p.fn, items: p.items, toArgs: p.toArgs, signal: frame.signal, onProgress: frame.onProgress });
}

async function collect(p: Plan): Promise<unknown[]> {
  const frame = new RunFrame(p);
  try {
    if (!p.options.serial) return await parallel<unknown>(p, frame);
    const out: unknown[] = [];
    for await (const pair of serial(p, frame)) out.push(p.options.withIndex ? pair : pair[1]);
    return out;
  } catch (err) {
    throw frame.failure(err);
  } finally {
    await frame.progress?.finish();
  }
}

async function* stream(p: Plan): AsyncGenerator<unknown, void, undefined> {
  const frame = new RunFrame(p);
  try {
    if (!p.options.serial) {
      yield* parallel<unknown>(p, frame);
      return;
    }
    for await (const pair of serial(p, frame)) yield p.options.withIndex ? pair : pair[1];
  } catch (err) {
    throw frame.failure(err);
  } finally {
    await frame.progress?.finish();
  }
}
