// WorkerPool: the shape of Python's multiprocessing.Pool, for people who think in it, as a
// thin facade over WorkerPoolExecutor (same workers, scheduling, errors and stats).
//
//   Python                            weft
//   Pool(processes, initializer,…)    new WorkerPool({ workers, initializer, initargs, maxTasksPerWorker })
//   map / starmap (blocking list)     await pool.map(…) / await pool.starmap(…)
//   imap / imap_unordered             for await (const r of pool.imap(…) / pool.imapUnordered(…))
//   apply / apply_async               await pool.apply(fn, args) / pool.applyAsync(fn, args) → Future
//   close / join / terminate          pool.close(); await pool.join(); await pool.terminate()
//   with Pool() as p  (terminates!)   await using p = new WorkerPool()  (close + join: graceful)
import { CancelledError, InvalidStateError, validateOptions } from '@weft/spi';
import { WorkerPoolExecutor } from '../executor/worker-pool-executor.js';
import type { MapResult } from '../executor/map-run.js';
import { EXECUTOR_OPTIONS, validateExecutorDetails, type WorkerPoolExecutorOptions } from '../executor/options.js';
import type { ModuleRef } from '../functions/fn-ref.js';
import type { Future } from '../futures/future.js';
import type { PoolStats } from '../pool/pool.js';

export interface WorkerPoolOptions extends Omit<WorkerPoolExecutorOptions, 'maxWorkers'> {
  /** worker count (Python's `processes`); default os.availableParallelism() */
  readonly workers?: number;
}

export interface PoolMapOptions {
  /** items per message to a worker (Python's `chunksize`); default: chosen from measured run time */
  readonly chunksize?: number;
  /**
   * ms from the call: results ready by then are yielded whenever they are read; the first one
   * that was not ready throws TimeoutError (as Python's Executor.map), and the rest is cancelled
   */
  readonly timeout?: number;
  /** abort cancels what has not started and stops what runs */
  readonly signal?: AbortSignal;
}

export interface ApplyOptions {
  /** abort cancels the task if queued; if running, its taskSignal() fires */
  readonly signal?: AbortSignal;
}

export interface ApplyAsyncOptions<R> extends ApplyOptions {
  /** called with the result when the task succeeds (Python's `callback`) */
  readonly callback?: (result: R) => void;
  /** called with the error when the task fails or is cancelled (Python's `error_callback`) */
  readonly errorCallback?: (error: unknown) => void;
}

const { maxWorkers: workerCount, ...sharedOptions } = EXECUTOR_OPTIONS;
/** The executor's options under the facade's names: `workers` (Python's `processes`), not `maxWorkers`. */
const POOL_OPTIONS = { workers: workerCount, ...sharedOptions } as const;

const MAP_OPTIONS = {
  chunksize: { type: 'integer', min: 1, optional: true },
  timeout: { type: 'number', min: 0, optional: true, infinite: true },
  signal: { type: 'signal', optional: true },
} as const;
const APPLY_OPTIONS = {
  signal: { type: 'signal', optional: true },
  callback: { type: 'function', optional: true },
  errorCallback: { type: 'function', optional: true },
} as const;

type MapFn<T, R> = ((item: T) => R) | ModuleRef;
type StarFn<A extends unknown[], R> = ((...args: A) => R) | ModuleRef;
type Items<T> = Iterable<T> | AsyncIterable<T>;

export class WorkerPool implements AsyncDisposable {
  readonly #executor: WorkerPoolExecutor;
  #state: 'running' | 'closed' | 'terminated' = 'running';
  #terminated: Promise<void> | undefined;

  constructor(options?: WorkerPoolOptions) {
    const where = 'new WorkerPool()';
    // The two names people bring for the worker count: the executor's and Python's.
    for (const name of ['maxWorkers', 'processes']) {
      if (options !== undefined && options !== null && typeof options === 'object' && name in options) {
        throw new TypeError(`${where}: unknown option options.${name}; WorkerPool calls it options.workers (as Python's Pool(processes))`);
      }
    }
    validateOptions(where, options, POOL_OPTIONS);
    validateExecutorDetails(where, options);
    const { workers, ...rest } = options ?? {};
    const executorOptions: WorkerPoolExecutorOptions = workers === undefined ? rest : { ...rest, maxWorkers: workers };
    this.#executor = new WorkerPoolExecutor(executorOptions);
  }

  /** The number of workers the pool runs at most. */
  get workers(): number {
    return this.#executor.maxWorkers;
  }

  /** `fn(item)` for every item → the results in input order. Rejects with the first failure (taskFailure(err).index). */
  map<T, R>(fn: MapFn<T, R>, iterable: Items<T>, options?: PoolMapOptions): Promise<Array<Awaited<R>>> {
    return Promise.resolve(this.#map<Awaited<R>>('WorkerPool.map()', fn, iterable, options, true, oneArg));
  }

  /** As map(), lazily: iterate the results in input order as they become ready. */
  imap<T, R>(fn: MapFn<T, R>, iterable: Items<T>, options?: PoolMapOptions): AsyncIterable<Awaited<R>> {
    return this.#map<Awaited<R>>('WorkerPool.imap()', fn, iterable, options, true, oneArg);
  }

  /** As imap(), in the order results finish. */
  imapUnordered<T, R>(fn: MapFn<T, R>, iterable: Items<T>, options?: PoolMapOptions): AsyncIterable<Awaited<R>> {
    return this.#map<Awaited<R>>('WorkerPool.imapUnordered()', fn, iterable, options, false, oneArg);
  }

  /** `fn(...args)` for every argument list → the results in input order. */
  starmap<A extends unknown[], R>(fn: StarFn<A, R>, iterable: Items<A>, options?: PoolMapOptions): Promise<Array<Awaited<R>>> {
    return Promise.resolve(this.#map<Awaited<R>>('WorkerPool.starmap()', fn, iterable, options, true, spreadArgs));
  }

  /** `fn(...args)` in a worker; resolves with its result (Python's blocking apply). */
  apply<A extends unknown[], R>(fn: StarFn<A, R>, args?: A, options?: ApplyOptions): Promise<Awaited<R>> {
    return this.#apply<A, R>('WorkerPool.apply()', fn, args, options).result();
  }

  /** `fn(...args)` in a worker → a Future; `callback` / `errorCallback` are called when it is done. */
  applyAsync<A extends unknown[], R>(fn: StarFn<A, R>, args?: A, options?: ApplyAsyncOptions<Awaited<R>>): Future<Awaited<R>> {
    return this.#apply<A, R>('WorkerPool.applyAsync()', fn, args, options);
  }

  /** Accept no more work; the workers exit once what was submitted is done. */
  close(): void {
    if (this.#state !== 'running') return;
    this.#state = 'closed';
    void this.#executor.shutdown({ wait: false });
  }

  /** Stop every worker now. Unfinished tasks fail with CancelledError; resolves when all workers are gone. */
  terminate(): Promise<void> {
    if (this.#terminated === undefined) {
      this.#state = 'terminated';
      this.#terminated = this.#executor.terminateNow(() => new CancelledError(`WorkerPool.terminate(): ${this.#executor.name} was terminated before this task finished`));
    }
    return this.#terminated;
  }

  /** Wait for the workers to exit. Call close() or terminate() first (as in Python). */
  join(): Promise<void> {
    if (this.#state === 'running') {
      return Promise.reject(new InvalidStateError('WorkerPool.join(): the pool is still running; call close() (finish the queued work) or terminate() (stop now) before join()'));
    }
    return this.#terminated ?? this.#executor.shutdown();
  }

  /** Counts and run/wait-time summaries (ms), as WorkerPoolExecutor.stats(). */
  stats(): PoolStats {
    return this.#executor.stats();
  }

  /** `await using pool = new WorkerPool()`: close() then join() — graceful, unlike Python's `with`, which terminates. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.join();
  }

  #assertRunning(where: string): void {
    if (this.#state !== 'running') {
      throw new InvalidStateError(`${where}: the pool is ${this.#state === 'closed' ? 'closed' : 'terminated'} and accepts no new work; create a new WorkerPool`);
    }
  }

  #map<R>(where: string, fn: unknown, iterable: unknown, options: PoolMapOptions | undefined, ordered: boolean, toArgs: (item: unknown, index: number, where: string) => unknown[]): MapResult<R> {
    this.#assertRunning(where);
    validateOptions(where, options, MAP_OPTIONS);
    return this.#executor.mapWith<R>(where, fn, iterable as Items<unknown>, { ...options, ordered }, { toArgs: (item, index) => toArgs(item, index, where) });
  }

  #apply<A extends unknown[], R>(where: string, fn: StarFn<A, R>, args: A | undefined, options: ApplyAsyncOptions<Awaited<R>> | undefined): Future<Awaited<R>> {
    this.#assertRunning(where);
    validateOptions(where, options, APPLY_OPTIONS);
    if (args !== undefined && !Array.isArray(args)) throw new TypeError(`${where}: args must be an array of arguments (Python's args tuple), got ${typeof args}`);
    const future = this.#executor.submitWith({ signal: options?.signal }, fn as ModuleRef, ...(args ?? [])) as Future<Awaited<R>>;
    const { callback, errorCallback } = options ?? {};
    if (callback !== undefined || errorCallback !== undefined) {
      future.addDoneCallback((f) => {
        f.exception().then(
          (error) => (error === undefined ? f.result().then((v) => callback?.(v)) : errorCallback?.(error)),
          (error: unknown) => errorCallback?.(error), // cancelled
        ).catch((err: unknown) => process.emitWarning(`${where}: a callback threw: ${err instanceof Error ? err.stack : String(err)}`, 'WeftWarning'));
      });
    }
    return future;
  }
}

function oneArg(item: unknown): unknown[] {
  return [item];
}

function spreadArgs(item: unknown, index: number, where: string): unknown[] {
  if (!Array.isArray(item)) throw new TypeError(`${where}: item ${index} must be an array of arguments, got ${typeof item}`);
  return item as unknown[];
}
