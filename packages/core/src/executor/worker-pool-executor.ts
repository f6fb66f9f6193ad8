// WorkerPoolExecutor: concurrent.futures' executor over weft workers. A thin façade:
// validate, fill defaults, encode, and delegate to the Pool engine.
import { CancelledError, ExecutorShutdownError, validateOptions } from '@weft/spi';
import { allScalars, encodeArgs, newEncodeState, type EncodeState } from '../codec/encode.js';
import { resolveFn, type Callable, type ModuleRef } from '../functions/fn-ref.js';
import { Future, type FutureHooks } from '../futures/future.js';
import { cancelWith, markRunning, setException, setHooks, setResult } from '../futures/future-controller.js';
import { backend } from '../internal/get-backend.js';
import { Pool, type PoolStats } from '../pool/pool.js';
import type { WorkItem, WorkSink } from '../pool/work-item.js';
import { assertNotImportingTaskModule } from '../worker-runtime/import-guard.js';
import { MapResult, MapRun, type MapOptions } from './map-run.js';
import { DEFAULT_ABORT_GRACE_MS, defaultWorkerCount, validateExecutorOptions, type WorkerPoolExecutorOptions } from './options.js';

export interface SubmitOptions {
  /**
   * abort cancels the task if queued; if running, its taskSignal fires and, if it is still
   * running after the grace period, its worker is terminated (once no other caller's task runs there)
   */
  readonly signal?: AbortSignal;
}
export interface ShutdownOptions {
  /** wait for queued and running tasks, and for the workers to exit (default true) */
  readonly wait?: boolean;
  /** cancel tasks that have not started (default false) */
  readonly cancelFutures?: boolean;
}

const MAP_OPTIONS = {
  chunksize: { type: 'integer', min: 1, optional: true },
  timeout: { type: 'number', min: 0, optional: true, infinite: true },
  ordered: { type: 'boolean', optional: true },
  signal: { type: 'signal', optional: true },
} as const;

/** @internal how map-like callers (pmap, gmap, WorkerPool) shape a map run */
export interface MapHooks {
  /** item → argument list */
  readonly toArgs: (item: unknown, index: number) => unknown[];
  /** send items as they are, calling fn(item, ...flatExtra) (see MapSpec.flatExtra) */
  readonly flatExtra?: unknown[] | undefined;
  /** items done so far, after every finished chunk */
  readonly onProgress?: ((done: number) => void) | undefined;
  /** yield [index, result] pairs */
  readonly withIndex?: boolean | undefined;
}

let executorCount = 0;

/** The CancelledError of a task stopped by `signal`: its reason is the cause, however early the abort came. */
function abortedBy(signal: AbortSignal, message: string): CancelledError {
  return new CancelledError(message, { cause: signal.reason });
}

const NO_EXTRA: unknown[] = [];
/** the encode state of an all-scalar argument list: nothing to transfer, no handles */
const SCALAR_ARGS: EncodeState = Object.freeze({ handles: false, transfer: [], portsAllowed: false, bytes: 0 });
/** ...and how such a task is queued (one shared object, not one per submit) */
const SCALAR_ENQUEUE = Object.freeze({ chunk: false, handles: false, transfer: undefined, bytes: 0 });

/** Hooks of a future whose task is gone from the queue: it may always be cancelled. */
const CANCELLABLE: FutureHooks = { tryCancel: () => true };

/** Connects one submitted task's WorkItem to its Future (one object, not a closure per event). */
class FutureSink implements WorkSink, FutureHooks {
  item: WorkItem | undefined;
  constructor(
    readonly future: Future<unknown>,
    readonly pool: Pool,
  ) {}
  started(): boolean {
    return markRunning(this.future);
  }
  resolve(value: unknown): void {
    setResult(this.future, value);
  }
  reject(error: unknown): void {
    const future = this.future;
    if (future.done()) return;
    if (error instanceof CancelledError && !future.running()) {
      // dropped from the queue (shutdown with cancelFutures, terminate): it never started, so
      // the future is cancelled — cancelled() is true — rather than failed
      setHooks(future, CANCELLABLE);
      future.cancel();
      return;
    }
    setException(future, error);
  }
  /** the future's cancel hook: take the item back if it is still queued */
  tryCancel(): boolean {
    return this.pool.unqueue(this.item!);
  }
  /** someone awaits the future of a running task */
  awaiting(): void {
    this.pool.awaitBriefly(this.item!);
  }
}

export class WorkerPoolExecutor implements AsyncDisposable {
  readonly #pool: Pool;
  readonly #name: string;
  readonly #maxWorkers: number;
  /** async tasks per worker at once; map keeps enough chunks in flight to fill them */
  readonly #concurrency: number;
  #shutdown: Promise<void> | undefined;

  constructor(options?: WorkerPoolExecutorOptions) {
    validateExecutorOptions('new WorkerPoolExecutor()', options);
    assertNotImportingTaskModule('new WorkerPoolExecutor()');
    const be = backend();
    this.#name = options?.name ?? `WeftPool-${++executorCount}`;
    this.#maxWorkers = options?.maxWorkers ?? defaultWorkerCount();
    this.#concurrency = options?.concurrency ?? 1;
    const init = options?.initializer === undefined ? null : resolveFn(options.initializer, 'new WorkerPoolExecutor(): options.initializer').ref;
    const state = newEncodeState();
    const initargs = encodeArgs(options?.initargs ?? [], 'new WorkerPoolExecutor()', state, 'options.initargs');
    this.#pool = new Pool({
      backend: be,
      name: this.#name,
      maxWorkers: this.#maxWorkers,
      initializer: init,
      initargs,
      initHandles: state.handles,
      maxTasksPerWorker: options?.maxTasksPerWorker ?? Infinity,
      idleTimeout: options?.idleTimeout ?? Infinity,
      resourceLimits: options?.resourceLimits,
      abortGrace: options?.abortGracePeriod ?? DEFAULT_ABORT_GRACE_MS,
      concurrency: this.#concurrency,
    });
  }

  get name(): string {
    return this.#name;
  }
  get maxWorkers(): number {
    return this.#maxWorkers;
  }

  /**
   * Run `fn(...args)` in a worker.
   * @throws ExecutorShutdownError after shutdown(); SerializationError for an argument that
   * cannot be sent (naming its position); TypeError for something that is not a function.
   */
  submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Future<Awaited<R>>;
  submit<R = unknown>(fn: ModuleRef, ...args: unknown[]): Future<R>;
  submit(fn: Callable<unknown[]>, ...args: unknown[]): Future<unknown> {
    return this.#submit('submit()', fn, args, undefined);
  }

  /** submit() with options: `signal` cancels or stops the task. */
  submitWith<A extends unknown[], R>(options: SubmitOptions, fn: (...args: A) => R, ...args: A): Future<Awaited<R>>;
  submitWith<R = unknown>(options: SubmitOptions, fn: ModuleRef, ...args: unknown[]): Future<R>;
  submitWith(options: SubmitOptions, fn: Callable<unknown[]>, ...args: unknown[]): Future<unknown> {
    validateOptions('submitWith()', options, { signal: { type: 'signal', optional: true } });
    return this.#submit('submitWith()', fn, args, options?.signal);
  }

  #submit(where: string, fn: unknown, args: unknown[], signal: AbortSignal | undefined): Future<unknown> {
    this.#assertOpen(where);
    const resolved = resolveFn(fn, where);
    const state = allScalars(args) ? SCALAR_ARGS : newEncodeState();
    const encoded = state === SCALAR_ARGS ? args : encodeArgs(args, where, state);
    const future = new Future<unknown>();
    if (signal?.aborted) {
      cancelWith(future, abortedBy(signal, `${where}: the task was not run: its AbortSignal was already aborted`));
      return future;
    }
    const sink = new FutureSink(future, this.#pool);
    const opts = state === SCALAR_ARGS ? SCALAR_ENQUEUE : { chunk: false, handles: state.handles, transfer: state.transfer, bytes: state.bytes };
    const item = this.#pool.enqueue(resolved.key, resolved.ref, encoded, opts, sink);
    sink.item = item;
    setHooks(future, sink);
    if (signal !== undefined) {
      const onAbort = () => {
        if (cancelWith(future, abortedBy(signal, `${where}: the task was aborted by its AbortSignal before it started`))) return;
        if (future.done()) return;
        this.#pool.abandon(item);
        setException(future, abortedBy(signal, `${where}: the task was aborted by its AbortSignal while running`));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      future.addDoneCallback(() => signal.removeEventListener('abort', onAbort));
    }
    return future;
  }

  /**
   * `fn(item)` for every item, in workers; iterate the result lazily or await it as an array.
   * Input is read lazily with bounded read-ahead; results come in input order unless
   * `ordered: false`. The first failure cancels the rest and is thrown, with the item's index
   * available through taskFailure(err).index.
   */
  map<T, R>(fn: ((item: T) => R) | ModuleRef, iterable: Iterable<T> | AsyncIterable<T>, options?: MapOptions): MapResult<Awaited<R>> {
    return this.#map('map()', fn, iterable, options, { toArgs: (item) => [item], flatExtra: NO_EXTRA }) as MapResult<Awaited<R>>;
  }

  /** As map(), with each item an argument list: fn(...item). */
  starmap<A extends unknown[], R>(fn: ((...args: A) => R) | ModuleRef, iterable: Iterable<A> | AsyncIterable<A>, options?: MapOptions): MapResult<Awaited<R>> {
    return this.#map('starmap()', fn, iterable, options, { toArgs: (item, index) => {
      if (!Array.isArray(item)) throw new TypeError(`starmap(): item ${index} must be an array of arguments, got ${typeof item}`);
      return item as unknown[];
    } }) as MapResult<Awaited<R>>;
  }

  /** @internal shared by map, starmap, pmap, gmap and WorkerPool */
  mapWith<R>(where: string, fn: unknown, iterable: Iterable<unknown> | AsyncIterable<unknown>, options: MapOptions | undefined, hooks: MapHooks): MapResult<R> {
    return this.#map(where, fn, iterable, options, hooks) as MapResult<R>;
  }

  #map(where: string, fn: unknown, iterable: unknown, options: MapOptions | undefined, hooks: MapHooks): MapResult<unknown> {
    this.#assertOpen(where);
    if (where === 'map()' && Array.isArray(options)) {
      // Python's Executor.map(fn, *iterables) zips several; here the third argument is options.
      throw new TypeError('map(): the third argument is options, got an array; map() takes one iterable — for several arguments per call use starmap(fn, [[a1, b1], [a2, b2], …])');
    }
    validateOptions(where, options, MAP_OPTIONS);
    const resolved = resolveFn(fn, where);
    const input = iterable as Partial<Iterable<unknown> & AsyncIterable<unknown>> | null | undefined;
    if (input == null || (typeof input[Symbol.iterator] !== 'function' && typeof input[Symbol.asyncIterator] !== 'function')) {
      throw new TypeError(`${where}: iterable must be an iterable or async iterable, got ${input === null ? 'null' : typeof input}`);
    }
    const run = new MapRun({ pool: this.#pool, fn: resolved, input: input as Iterable<unknown>, toArgs: hooks.toArgs, flatExtra: hooks.flatExtra, workers: this.#maxWorkers * this.#concurrency, options: options ?? {}, where, onProgress: hooks.onProgress, withIndex: hooks.withIndex });
    return new MapResult(run);
  }

  /** Counts and run/wait-time summaries (ms). */
  stats(): PoolStats {
    return this.#pool.stats();
  }

  /**
   * Stop accepting work. With `wait` (default) resolve once queued and running tasks are done
   * and the workers have exited. `cancelFutures` cancels tasks that have not started.
   * Safe to call more than once.
   */
  shutdown(options?: ShutdownOptions): Promise<void> {
    try {
      validateOptions('shutdown()', options, { wait: { type: 'boolean', optional: true }, cancelFutures: { type: 'boolean', optional: true } });
    } catch (err) {
      return Promise.reject(err);
    }
    if (options?.cancelFutures) this.#pool.cancelQueued(() => new CancelledError(`${this.#name} was shut down with cancelFutures before this task started`));
    this.#shutdown ??= this.#pool.whenIdle().then(() => this.#pool.close());
    return options?.wait === false ? Promise.resolve() : this.#shutdown;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }

  /**
   * @internal WorkerPool.terminate(): accept no more work and stop every worker now; queued
   * and running tasks fail with `makeError()`. Resolves when all workers have exited.
   */
  terminateNow(makeError: () => Error): Promise<void> {
    const stopped = this.#pool.terminate(makeError);
    this.#shutdown ??= stopped;
    return stopped;
  }

  #assertOpen(where: string): void {
    if (this.#shutdown !== undefined) {
      throw new ExecutorShutdownError(`${where}: ${this.#name} has been shut down and accepts no new work; create a new WorkerPoolExecutor`);
    }
    const broken = this.#pool.broken;
    if (broken !== undefined) throw broken;
  }
}

