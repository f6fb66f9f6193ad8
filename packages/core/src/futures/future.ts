// Future<T>: the consumer face of one submitted task, as concurrent.futures.Future.
// Executors settle it through the symbol-keyed methods (see future-controller.ts); those are
// not part of the public surface.
import { CancelledError, InvalidStateError, WAIT_OPTIONS, validateOptions } from '@weft/spi';
import { raceDeadline } from '../internal/deadline.js';
import { kCancel, kMarkRunning, kSetHooks, kSetException, kSetResult } from '../internal/symbols.js';

type FutureState = 'PENDING' | 'RUNNING' | 'CANCELLED' | 'FINISHED';
export type DoneCallback<T> = (future: Future<T>) => void;

/** The executor's side of one future, asked by it while the future is not done (one object per future, not a closure per hook). */
export interface FutureHooks {
  /** cancel() on a pending future: true when the task was taken back (still queued) */
  tryCancel(): boolean;
  /** the future is running and something is about to await it (then()) */
  awaiting?(): void;
}

export interface ResultOptions {
  /** milliseconds to wait before rejecting with TimeoutError */
  readonly timeout?: number;
}

export class Future<T> implements PromiseLike<T> {
  #state: FutureState = 'PENDING';
  #value: T | undefined;
  #error: unknown;
  #failed = false;
  // Allocated on first use: most futures are awaited once and never get callbacks.
  #callbacks: Array<DoneCallback<T>> | undefined;
  #waiters: Array<() => void> | undefined;
  #hooks: FutureHooks | undefined;
  /** made on the first then(): most futures are awaited, but a promise nobody awaits must not reject unhandled */
  #promise: Promise<T> | undefined;
  // The resolving functions of #promise, kept as two fields rather than one object: one
  // allocation fewer on every awaited task (the sequential-latency path).
  #resolve: ((v: T) => void) | undefined;
  #reject: ((e: unknown) => void) | undefined;

  /**
   * Cancel the task if it has not started. Returns true if the future is (now) cancelled,
   * false if it is running or already finished.
   */
  cancel(): boolean {
    return this[kCancel](undefined);
  }
  cancelled(): boolean {
    return this.#state === 'CANCELLED';
  }
  /** true once a worker has taken the task and until it finishes */
  running(): boolean {
    return this.#state === 'RUNNING';
  }
  done(): boolean {
    return this.#state === 'CANCELLED' || this.#state === 'FINISHED';
  }

  /**
   * The task's result.
   * @throws the task's own error; CancelledError if cancelled; TimeoutError after `timeout` ms.
   */
  result(options?: ResultOptions): Promise<T> {
    try {
      validateOptions('Future.result()', options, { timeout: WAIT_OPTIONS.timeout! });
    } catch (e) {
      return Promise.reject(e);
    }
    return raceDeadline(this.#settled(), options ?? {}, 'Future.result()').then(() => this.#outcome());
  }

  /**
   * The task's error, or undefined if it succeeded.
   * @throws CancelledError if cancelled; TimeoutError after `timeout` ms.
   */
  exception(options?: ResultOptions): Promise<unknown> {
    try {
      validateOptions('Future.exception()', options, { timeout: WAIT_OPTIONS.timeout! });
    } catch (e) {
      return Promise.reject(e);
    }
    return raceDeadline(this.#settled(), options ?? {}, 'Future.exception()').then(() => {
      if (this.#state === 'CANCELLED') throw this.#error;
      return this.#failed ? this.#error : undefined;
    });
  }

  /** Call `callback(future)` when it is done (at once if it already is). */
  addDoneCallback(callback: DoneCallback<T>): void {
    if (typeof callback !== 'function') throw new TypeError('Future.addDoneCallback(): callback must be a function');
    if (this.done()) runCallback(callback, this);
    else (this.#callbacks ??= []).push(callback);
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    // Awaiting a running task: the executor may take its answer right now (Pool.awaitBriefly).
    if (this.#state === 'RUNNING') this.#hooks?.awaiting?.();
    if (this.#promise === undefined) {
      if (this.#failed) this.#promise = Promise.reject(this.#error);
      else if (this.done()) this.#promise = Promise.resolve(this.#value as T);
      else
        this.#promise = new Promise<T>((resolve, reject) => {
          this.#resolve = resolve;
          this.#reject = reject;
        });
    }
    return this.#promise.then(onFulfilled, onRejected);
  }

  /** As Promise.prototype.catch, so a Future can be used wherever a promise is. */
  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onRejected);
  }
  /** As Promise.prototype.finally. */
  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onFinally);
  }

  get [Symbol.toStringTag](): string {
    return `Future<${this.#state}>`;
  }

  // ── executor face (see future-controller.ts) ──
  /** cancel() with the error to reject with (an AbortSignal's reason as its cause); default: a plain CancelledError */
  [kCancel](error: CancelledError | undefined): boolean {
    if (this.#state === 'CANCELLED') return true;
    if (this.#state !== 'PENDING') return false;
    if (this.#hooks !== undefined && !this.#hooks.tryCancel()) return false;
    this.#state = 'CANCELLED';
    this.#error = error ?? new CancelledError('the future was cancelled before its task started');
    this.#failed = true;
    this.#finish();
    return true;
  }
  [kSetHooks](hooks: FutureHooks): void {
    this.#hooks = hooks;
  }
  /** Returns false if the future was cancelled meanwhile (the task must then not run). */
  [kMarkRunning](): boolean {
    if (this.#state === 'CANCELLED') return false;
    if (this.#state !== 'PENDING') throw new InvalidStateError(`Future is ${this.#state}; it cannot start running`);
    this.#state = 'RUNNING';
    return true;
  }
  [kSetResult](value: T): void {
    this.#assertSettleable();
    this.#state = 'FINISHED';
    this.#value = value;
    this.#finish();
  }
  [kSetException](error: unknown): void {
    this.#assertSettleable();
    this.#state = 'FINISHED';
    this.#error = error;
    this.#failed = true;
    this.#finish();
  }

  #assertSettleable(): void {
    if (this.done()) throw new InvalidStateError(`Future is already ${this.#state}; it cannot be settled twice`);
  }
  #outcome(): T {
    if (this.#failed) throw this.#error;
    return this.#value as T;
  }
  #settled(): Promise<void> {
    if (this.done()) return Promise.resolve();
    return new Promise((resolve) => (this.#waiters ??= []).push(resolve));
  }
  #finish(): void {
    this.#hooks = undefined;
    const resolve = this.#resolve;
    const reject = this.#reject;
    this.#resolve = this.#reject = undefined;
    if (this.#failed) reject?.(this.#error);
    else resolve?.(this.#value as T);
    const waiters = this.#waiters;
    const callbacks = this.#callbacks;
    this.#waiters = undefined;
    this.#callbacks = undefined;
    if (waiters !== undefined) for (const w of waiters) w();
    if (callbacks !== undefined) for (const cb of callbacks) runCallback(cb, this);
  }
}

function runCallback<T>(cb: DoneCallback<T>, f: Future<T>): void {
  try {
    cb(f);
  } catch (err) {
    // As concurrent.futures: a failing callback is reported, not propagated.
    process.emitWarning(`a Future done-callback threw: ${err instanceof Error ? err.stack : String(err)}`, 'WeftWarning');
  }
}
