// One map()/starmap() call: pulls the input lazily, groups items into chunks, keeps a
// bounded window of chunks in the pool, and hands results back in input order (or as they
// finish). The first failure cancels what has not started, stops what runs, and wins.
//
//   input ──fill()──▶ chunk (≤ size items) ──pool.enqueue──▶ worker
//                       ▲ window: ≤ WINDOW_PER_WORKER × workers chunks not yet consumed
//   consumer ◀── ordered: head chunk when done │ unordered: any done chunk
import { TimeoutError, abortErrorFor } from '@weft/spi';
import { encodeArgs, newEncodeState } from '../codec/encode.js';
import type { ResolvedFn } from '../functions/fn-ref.js';
import type { Pool } from '../pool/pool.js';
import type { WorkItem } from '../pool/work-item.js';
import { withIndex } from './task-failure.js';

/** Chunks per worker kept in flight or waiting to be consumed: enough to hide a round trip. */
const WINDOW_PER_WORKER = 4;
/** Automatic chunking aims for chunks that run about this long… */
const TARGET_CHUNK_MS = 4;
/** …but never larger than this (bounds read-ahead and the cost of one failure). */
const MAX_AUTO_CHUNK = 8192;

export interface MapOptions {
  /** items per message to a worker; default: chosen from measured run time */
  readonly chunksize?: number;
  /**
   * ms from the call: results ready by then are yielded whenever they are read; the first one
   * that was not ready throws TimeoutError (as Python's Executor.map), and the rest is cancelled
   */
  readonly timeout?: number;
  /** yield in input order (default) or as results finish */
  readonly ordered?: boolean;
  readonly signal?: AbortSignal;
}

export interface MapSpec {
  readonly pool: Pool;
  readonly fn: ResolvedFn;
  readonly input: Iterable<unknown> | AsyncIterable<unknown>;
  /** item → argument list (map: [item, ...extra]; starmap: the item itself) */
  readonly toArgs: (item: unknown, index: number) => unknown[];
  /**
   * When set, items travel as they are and each call is fn(item, ...flatExtra): no argument
   * list per item to build, encode and clone (map, pmap). starmap leaves it unset.
   */
  readonly flatExtra?: unknown[] | undefined;
  readonly workers: number;
  readonly options: MapOptions;
  readonly where: string;
  /** called with the number of items done after every finished chunk */
  readonly onProgress?: ((done: number) => void) | undefined;
  /** yield [index, result] pairs instead of bare results (pmap/gmap withIndex) */
  readonly withIndex?: boolean | undefined;
}

interface Chunk {
  readonly start: number;
  readonly count: number;
  item: WorkItem | undefined;
  values: unknown[] | undefined;
}

export class MapRun {
  readonly #spec: MapSpec;
  readonly #iterator: Iterator<unknown> | AsyncIterator<unknown>;
  readonly #async: boolean;
  readonly #chunks: Chunk[] = []; // not yet consumed, in input order
  readonly #window: number;
  #nextIndex = 0;
  /** input length when it is an array (chunk sizes then shrink towards the end) */
  readonly #length: number | undefined;
  /** flatExtra, encoded once for the whole run */
  readonly #extra: unknown[] | undefined;
  readonly #extraHandles: boolean;
  #exhausted = false;
  #filling = false;
  #error: unknown;
  /** input index of the failing item (a task failed) or of the first not ready by the deadline; unset for abort */
  #failedAt: number | undefined;
  #keepPrefix = false;
  #stopped = false;
  #perItemMs: number | undefined;
  #done = 0;
  #wake: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** the deadline passed with a result not ready: #error is its TimeoutError */
  #timedOut = false;
  readonly #onAbort = () => this.#fail(abortErrorFor(this.#spec.options.signal!, this.#spec.where));
  /**
   * As Python's Executor.map: a result ready by the deadline is handed out whenever the caller
   * asks for it; the first one that is not fails with TimeoutError, and what follows it is
   * cancelled or stopped. (In order, "first" is by input index; unordered, every ready result
   * comes out before the error.)
   */
  readonly #onDeadline = () => {
    this.#timer = undefined;
    const late = this.#chunks.find((c) => c.values === undefined && (this.#error === undefined || this.#inKeptPrefix(c.start)));
    // Everything is in, or (after a failure) all that is still wanted is.
    if (late === undefined && (this.#error !== undefined || (this.#exhausted && !this.#filling))) return;
    const at = late?.start ?? this.#nextIndex;
    const { where, options } = this.#spec;
    this.#timedOut = true;
    this.#fail(new TimeoutError(`${where}: the result for item ${at} was not ready within ${options.timeout} ms of the call; results ready by then were returned — raise options.timeout, or leave it out to wait as long as it takes`), at);
  };

  constructor(spec: MapSpec) {
    this.#spec = spec;
    const input = spec.input as Partial<AsyncIterable<unknown> & Iterable<unknown>>;
    this.#async = typeof input[Symbol.asyncIterator] === 'function';
    this.#length = Array.isArray(spec.input) ? spec.input.length : undefined;
    const extraState = newEncodeState();
    this.#extra = spec.flatExtra === undefined ? undefined : encodeArgs(spec.flatExtra, spec.where, extraState, 'options.args');
    this.#extraHandles = extraState.handles;
    this.#iterator = this.#async ? input[Symbol.asyncIterator]!() : input[Symbol.iterator]!();
    this.#window = Math.max(2, spec.workers * WINDOW_PER_WORKER);
    const { timeout, signal } = spec.options;
    if (timeout !== undefined && timeout !== Infinity) {
      this.#timer = setTimeout(this.#onDeadline, timeout);
      this.#timer.unref?.(); // the tasks keep the process alive while they run, not the deadline
    }
    if (signal?.aborted) this.#fail(abortErrorFor(signal, spec.where));
    else signal?.addEventListener('abort', this.#onAbort, { once: true });
    void this.#fill();
  }

  /** Next finished chunk's values (in order unless ordered: false), or undefined at the end. */
  async nextValues(): Promise<unknown[] | undefined> {
    for (;;) {
      if (this.#error !== undefined) {
        if (this.#timedOut && this.#spec.options.ordered === false) {
          // Unordered, every result that was ready by the deadline comes out before the error.
          const ready = this.#chunks.findIndex((c) => c.values !== undefined);
          if (ready < 0) throw this.#error;
          return this.#shape(this.#chunks.splice(ready, 1)[0]!);
        }
        // In order, results from before the failing item are still handed out (all of them
        // when iterating: those chunks were left running; those already in otherwise).
        const head = this.#chunks[0];
        const before = head !== undefined && this.#failedAt !== undefined && head.start + head.count <= this.#failedAt && this.#spec.options.ordered !== false;
        if (before && head.values !== undefined) {
          this.#chunks.shift();
          return this.#shape(head);
        }
        if (!(before && this.#inKeptPrefix(head.start))) throw this.#error;
        await new Promise<void>((resolve) => (this.#wake = resolve));
        continue;
      }
      const i = this.#spec.options.ordered === false ? this.#chunks.findIndex((c) => c.values !== undefined) : this.#chunks[0]?.values !== undefined ? 0 : -1;
      if (i >= 0) {
        const [chunk] = this.#chunks.splice(i, 1);
        void this.#fill();
        return this.#shape(chunk!);
      }
      if (this.#exhausted && this.#chunks.length === 0 && !this.#filling) {
        this.#cleanup();
        return undefined;
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  #shape(chunk: Chunk): unknown[] {
    const values = chunk.values!;
    return this.#spec.withIndex ? values.map((v, k) => [chunk.start + k, v]) : values;
  }

  /** Stop early (break / return): nothing more is read, queued chunks are dropped. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const c of this.#chunks) if (c.item) this.#spec.pool.abandon(c.item, false);
    this.#chunks.length = 0;
    this.#cleanup();
    void (this.#iterator as Iterator<unknown>).return?.();
  }

  #chunkSize(): number {
    const fixed = this.#spec.options.chunksize;
    if (fixed !== undefined) return fixed;
    if (this.#perItemMs === undefined) return 1;
    const auto = Math.max(1, Math.min(MAX_AUTO_CHUNK, Math.floor(TARGET_CHUNK_MS / Math.max(this.#perItemMs, 1e-5))));
    if (this.#length === undefined) return auto;
    // Known length: shrink chunks as the input runs out, so every worker gets a share of the
    // tail instead of one worker finishing a big last chunk alone.
    return Math.min(auto, Math.max(1, Math.ceil((this.#length - this.#nextIndex) / (2 * this.#spec.workers))));
  }

  async #fill(): Promise<void> {
    if (this.#filling) return;
    this.#filling = true;
    try {
      while (!this.#exhausted && !this.#stopped && this.#error === undefined && this.#chunks.length < this.#window) {
        const size = this.#chunkSize();
        const start = this.#nextIndex;
        const tuples: unknown[] = [];
        const flat = this.#spec.flatExtra !== undefined;
        while (tuples.length < size) {
          let step = this.#iterator.next();
          if (this.#async) step = await step;
          const r = step as IteratorResult<unknown>;
          if (r.done) {
            this.#exhausted = true;
            break;
          }
          tuples.push(flat ? r.value : this.#spec.toArgs(r.value, this.#nextIndex));
          this.#nextIndex++;
        }
        if (this.#stopped || this.#error !== undefined) return;
        if (tuples.length > 0) this.#submit(start, tuples);
      }
    } catch (err) {
      this.#fail(err);
    } finally {
      this.#filling = false;
      this.#wake?.();
    }
  }

  #submit(start: number, tuples: unknown[]): void {
    const state = newEncodeState();
    const flatExtra = this.#extra;
    if (this.#extraHandles) state.handles = true;
    const encoded = flatExtra !== undefined ? encodeArgs(tuples, this.#spec.where, state, (i) => `item ${start + i}`) : tuples.map((t, i) => encodeArgs(t as unknown[], `${this.#spec.where}: item ${start + i}`, state));
    const chunk: Chunk = { start, count: tuples.length, item: undefined, values: undefined };
    this.#chunks.push(chunk);
    chunk.item = this.#spec.pool.enqueue(this.#spec.fn.key, this.#spec.fn.ref, encoded, { chunk: true, handles: state.handles, transfer: state.transfer, flatExtra, bytes: state.bytes }, {
      started: () => !this.#stopped && (this.#error === undefined || this.#inKeptPrefix(start)),
      resolve: (values, ms) => {
        chunk.values = values as unknown[];
        const per = ms / chunk.count;
        this.#perItemMs = this.#perItemMs === undefined ? per : (this.#perItemMs + per) / 2;
        this.#done += chunk.count;
        this.#spec.onProgress?.(this.#done);
        this.#wake?.();
      },
      reject: (err, index) => this.#fail(withIndex(err, start + (index ?? 0)), start + (index ?? 0)),
    });
  }

  #fail(err: unknown, failedAt?: number): void {
    if (this.#stopped) return;
    if (this.#error !== undefined) {
      // Iterating in order, an earlier item may still fail after a later one did: in-order
      // consumers must see the earliest failure, as they would have serially.
      if (!(this.#keepPrefix && failedAt !== undefined && this.#failedAt !== undefined && failedAt < this.#failedAt)) return;
    }
    this.#error = err;
    this.#failedAt = failedAt;
    const keep = this.#keepPrefix && failedAt !== undefined;
    let kept = false;
    for (const c of this.#chunks) {
      if (c.values !== undefined) continue;
      if (keep && c.start < failedAt) kept = true;
      else if (c.item) this.#spec.pool.abandon(c.item, true);
    }
    // Chunks kept running must still be ready by the deadline: its timer stays.
    if (kept) this.#spec.options.signal?.removeEventListener('abort', this.#onAbort);
    else this.#cleanup();
    void Promise.resolve((this.#iterator as Iterator<unknown>).return?.()).catch(() => {});
    this.#wake?.();
  }

  /**
   * The consumer iterates in input order: on a failure, chunks before the failing item run
   * to completion and are handed out first (as a serial loop would have produced them);
   * everything after it is cancelled or stopped at once.
   */
  keepPrefixOnFailure(): void {
    this.#keepPrefix = this.#spec.options.ordered !== false;
  }

  #inKeptPrefix(start: number): boolean {
    return this.#keepPrefix && this.#failedAt !== undefined && start < this.#failedAt;
  }


  #cleanup(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#spec.options.signal?.removeEventListener('abort', this.#onAbort);
  }
}

/** What map() returns: iterate it lazily, or await it for the whole array. */
export class MapResult<R> implements AsyncIterable<R>, PromiseLike<R[]> {
  readonly #run: MapRun;
  #used = false;
  #all: Promise<R[]> | undefined;

  constructor(run: MapRun) {
    this.#run = run;
  }

  #claim(how: string): void {
    if (this.#used) throw new TypeError(`map() results can be consumed once; ${how} was called after the results were already being read`);
    this.#used = true;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<R, void, undefined> {
    this.#claim('for await');
    this.#run.keepPrefixOnFailure();
    try {
      for (;;) {
        const values = await this.#run.nextValues();
        if (values === undefined) return;
        for (const v of values) yield v as R;
      }
    } finally {
      this.#run.stop();
    }
  }

  then<T1 = R[], T2 = never>(onFulfilled?: ((value: R[]) => T1 | PromiseLike<T1>) | null, onRejected?: ((reason: unknown) => T2 | PromiseLike<T2>) | null): Promise<T1 | T2> {
    if (this.#all === undefined) {
      this.#claim('then/await');
      this.#all = (async () => {
        const out: R[] = [];
        for (;;) {
          const values = await this.#run.nextValues();
          if (values === undefined) return out;
          for (let i = 0; i < values.length; i++) out.push(values[i] as R);
        }
      })();
    }
    return this.#all.then(onFulfilled, onRejected);
  }

  /** As a Promise's catch(): `pool.map(...).catch(handle)` collects the results like await. */
  catch<T = never>(onRejected?: ((reason: unknown) => T | PromiseLike<T>) | null): Promise<R[] | T> {
    return this.then(undefined, onRejected);
  }

  /** As a Promise's finally(): collects the results like await. */
  finally(onFinally?: (() => void) | null): Promise<R[]> {
    return this.then().finally(onFinally);
  }
}
