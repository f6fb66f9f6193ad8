// The options of pmap()/gmap(): their types, one validation table, and the checks a table
// cannot express (args must be an array; progress is a boolean or a callback).
import { describeValue, validateOptions } from '@weft/spi';
import type { ModuleRef } from '../functions/fn-ref.js';

/** `(done, total)`: items finished so far, and the total when it is known. */
export type ProgressCallback = (done: number, total: number | undefined) => void;

export interface PmapOptions<A extends readonly unknown[] = unknown[]> {
  /** constant extra arguments, passed after the item: fn(item, ...args) */
  readonly args?: A;
  /** items per message to a worker; default: chosen from measured run time (tiny tasks batched, long ones not) */
  readonly chunksize?: number;
  /** results in input order (default true) or as they finish */
  readonly ordered?: boolean;
  /** results as [index, result] pairs (index = position in the input) */
  readonly withIndex?: boolean;
  /** worker count; default os.availableParallelism(). Another value uses (and keeps) a pool of that size */
  readonly maxWorkers?: number;
  /** run in this thread, one item at a time, for debugging: same results, same errors */
  readonly serial?: boolean;
  /** true: a bar on stderr when it is a terminal; a function: called as (done, total) as items finish */
  readonly progress?: boolean | ProgressCallback;
  /** number of items, for progress, when `items` has no length or size */
  readonly total?: number;
  /** abort cancels what has not started and stops what runs; the call rejects with AbortError */
  readonly signal?: AbortSignal;
}

/** The function forms pmap/gmap accept: fn(item, ...args) or a { module, name } reference. */
export type MapFn<T, A extends readonly unknown[], R> = ((item: T, ...args: A) => R) | ModuleRef;

const TABLE = {
  args: { type: 'any' },
  chunksize: { type: 'integer', min: 1, optional: true },
  ordered: { type: 'boolean', optional: true },
  withIndex: { type: 'boolean', optional: true },
  maxWorkers: { type: 'integer', min: 1, max: 1024, optional: true },
  serial: { type: 'boolean', optional: true },
  progress: { type: 'any' },
  total: { type: 'integer', min: 0, optional: true },
  signal: { type: 'signal', optional: true },
} as const;

export function validatePmapOptions(where: string, options: PmapOptions<readonly unknown[]> | undefined): void {
  validateOptions(where, options, TABLE);
  if (options === undefined) return;
  if (options.args !== undefined && !Array.isArray(options.args)) {
    throw new TypeError(`${where}: options.args must be an array of extra arguments (passed after the item), got ${describeValue(options.args)}`);
  }
  const p = options.progress;
  if (p !== undefined && typeof p !== 'boolean' && typeof p !== 'function') {
    throw new TypeError(`${where}: options.progress must be true, false or a function (done, total) => void, got ${describeValue(p)}`);
  }
}

/** The input as something map() can read, or a TypeError naming what was passed. */
export function checkItems(where: string, items: unknown): Iterable<unknown> | AsyncIterable<unknown> {
  const input = items as Partial<Iterable<unknown> & AsyncIterable<unknown>> | null | undefined;
  if (input == null || (typeof input[Symbol.iterator] !== 'function' && typeof input[Symbol.asyncIterator] !== 'function')) {
    throw new TypeError(`${where}: items must be an iterable or async iterable (an array, a Set, a generator…), got ${input === null ? 'null' : describeValue(input)}`);
  }
  return input as Iterable<unknown> | AsyncIterable<unknown>;
}

/** The number of items when the input says (array length, Set/Map size), else options.total. */
export function knownTotal(items: unknown, total: number | undefined): number | undefined {
  if (total !== undefined) return total;
  const { length, size } = items as { length?: unknown; size?: unknown };
  if (typeof length === 'number' && Number.isInteger(length) && length >= 0) return length;
  if (typeof size === 'number' && Number.isInteger(size) && size >= 0) return size;
  return undefined;
}
