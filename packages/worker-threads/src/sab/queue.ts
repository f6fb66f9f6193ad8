// Queue: items as bytes (queue-item-codec.ts) in a shared ring (queue-ring.ts) behind a
// short internal mutex (queue-mutex.ts). Sleepers wait on sequence words outside the mutex:
//
//   put:  encode ─▶ lock ─▶ full? (remember putSeq) ─▶ push ─▶ unlock ─▶ getSeq++, wake 1 getter
//   get:  lock ─▶ shift (remember getSeq if empty) ─▶ unlock ─▶ putSeq++, wake 1 putter ─▶ decode
//   close: closed=1, bump both words, wake everyone (putters fail, getters drain then fail)
//
// A sleeper reads its sequence word *before* it looks at the ring, so a put/get that happens
// in between changes the word and waitAsync returns at once: no wake is lost.
import {
  QueueClosed,
  QueueEmpty,
  QueueFull,
  SerializationError,
  abortErrorFor,
  deadlineOf,
  holdProcessAlive,
  remainingUntil,
  type QueueHandle,
  type WaitOptions,
} from '@weft/spi';
import { trackForDeadHolders, type ReleasesDeadHolders } from '../dead-holder-registry.js';
import { kBackendName, type QueueDescriptor } from './descriptors.js';
import {
  kQueueClosedField,
  kQueueCountMirrorField,
  kQueueFieldCount,
  kQueueGetSeqField,
  kQueueInitialBytes,
  kQueueMaxBytes,
  kQueuePutSeqField,
  kQueueUnfinishedMirrorField,
  newInt32Block,
} from './layout.js';
import { QueueMutex } from './queue-mutex.js';
import { decodeItem, encodeItem } from './queue-item-codec.js';
import { QueueRing } from './queue-ring.js';
import { RESOLVED_VOID } from './resolved.js';
import { initState, publishMirrors, readState } from './queue-state.js';
import { sleepOn, wakeAll } from './wait.js';

type PutOutcome = 'done' | 'full' | 'closed';

function closedError(what: string): QueueClosed {
  return new QueueClosed(`${what}: the queue is closed; no more items can be put`);
}
function drainedError(what: string): QueueClosed {
  return new QueueClosed(`${what}: the queue is closed and every item has been taken`);
}

export class SabQueue implements QueueHandle, ReleasesDeadHolders {
  readonly maxsize: number;
  readonly #ctl: Int32Array;
  readonly #data: SharedArrayBuffer;
  readonly #ring: QueueRing;
  readonly #mutex: QueueMutex;

  private constructor(ctl: Int32Array, data: SharedArrayBuffer, maxsize: number) {
    this.maxsize = maxsize;
    this.#ctl = ctl;
    this.#data = data;
    this.#ring = new QueueRing(ctl, data);
    this.#mutex = new QueueMutex(ctl);
    trackForDeadHolders(this);
  }

  static create(maxsize: number): SabQueue {
    if (!Number.isInteger(maxsize) || maxsize < 0 || maxsize > 0x7fffffff) {
      throw new RangeError(`createQueue(): maxsize must be an integer >= 0 (0 = unbounded), got ${maxsize}`);
    }
    const ctl = newInt32Block(kQueueFieldCount);
    initState(ctl, kQueueInitialBytes);
    const data = new SharedArrayBuffer(kQueueInitialBytes, { maxByteLength: kQueueMaxBytes });
    return new SabQueue(ctl, data, maxsize);
  }

  static revive(descriptor: QueueDescriptor): SabQueue {
    return new SabQueue(new Int32Array(descriptor.control), descriptor.data, descriptor.maxsize);
  }

  describe(): QueueDescriptor {
    return { backend: kBackendName, type: 'queue', maxsize: this.maxsize, control: this.#ctl.buffer as SharedArrayBuffer, data: this.#data };
  }

  // ── put ──────────────────────────────────────────────────────────────────────────────

  put(item: unknown, options: WaitOptions): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortErrorFor(signal, 'Queue.put()'));
    let bytes: Uint8Array;
    try {
      bytes = encode(item, 'Queue.put()');
    } catch (err) {
      return Promise.reject(err);
    }
    // Fast path: the mutex is free and there is room, so no promise needs to wait.
    if (this.#mutex.tryLock()) {
      const outcome = this.#putLocked(bytes);
      if (outcome === 'done') return RESOLVED_VOID;
      if (outcome === 'closed') return Promise.reject(closedError('Queue.put()'));
    }
    // `bytes` is a view into a scratch buffer that the next put would reuse: keep a copy.
    return this.#putSlow(bytes.slice(), options.timeout, signal);
  }

  async #putSlow(bytes: Uint8Array, timeout: number | undefined, signal: AbortSignal | undefined): Promise<void> {
    const deadline = deadlineOf(timeout);
    const ctl = this.#ctl;
    let releaseKeepAlive: (() => void) | undefined;
    try {
      for (;;) {
        const seq = Atomics.load(ctl, kQueuePutSeqField);
        const locking = this.#mutex.lock();
        if (locking !== undefined) await locking;
        const outcome = this.#putLocked(bytes);
        if (outcome === 'done') return;
        if (outcome === 'closed') throw closedError('Queue.put()');
        if (signal?.aborted) {
          wakeAll(ctl, kQueuePutSeqField);
          throw abortErrorFor(signal, 'Queue.put()');
        }
        const left = remainingUntil(deadline);
        if (left <= 0) throw new QueueFull(`Queue.put(): the queue stayed full (maxsize ${this.maxsize}) until the timeout`);
        releaseKeepAlive ??= holdProcessAlive();
        if ((await sleepOn(ctl, kQueuePutSeqField, seq, left, signal)) === 'aborted') {
          throw abortErrorFor(signal as AbortSignal, 'Queue.put()');
        }
      }
    } finally {
      releaseKeepAlive?.();
    }
  }

  putNowait(item: unknown): void {
    if (this.closed()) throw closedError('Queue.putNowait()');
    const bytes = encode(item, 'Queue.putNowait()');
    this.#mutex.lockSync('Queue.putNowait()');
    const outcome = this.#putLocked(bytes);
    if (outcome === 'closed') throw closedError('Queue.putNowait()');
    if (outcome === 'full') throw new QueueFull(`Queue.putNowait(): the queue is full (maxsize ${this.maxsize})`);
  }

  /** Runs with the mutex held and releases it. */
  #putLocked(bytes: Uint8Array): PutOutcome {
    const ctl = this.#ctl;
    try {
      if (Atomics.load(ctl, kQueueClosedField) === 1) return 'closed';
      if (this.maxsize > 0 && this.#ring.count() >= this.maxsize) return 'full';
      this.#ring.push(bytes);
    } finally {
      this.#mutex.unlock();
    }
    Atomics.add(ctl, kQueueGetSeqField, 1);
    Atomics.notify(ctl, kQueueGetSeqField, 1);
    return 'done';
  }

  // ── get ──────────────────────────────────────────────────────────────────────────────

  get(options: WaitOptions): Promise<unknown> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortErrorFor(signal, 'Queue.get()'));
    // Fast path: the mutex is free and an item is there.
    if (this.#mutex.tryLock()) {
      const bytes = this.#getLocked();
      if (bytes !== undefined) {
        try {
          return Promise.resolve(decodeItem(bytes));
        } catch (err) {
          return Promise.reject(err);
        }
      }
      if (this.closed()) return Promise.reject(drainedError('Queue.get()'));
    }
    return this.#getSlow(options.timeout, signal);
  }

  async #getSlow(timeout: number | undefined, signal: AbortSignal | undefined): Promise<unknown> {
    const deadline = deadlineOf(timeout);
    const ctl = this.#ctl;
    let releaseKeepAlive: (() => void) | undefined;
    try {
      for (;;) {
        const seq = Atomics.load(ctl, kQueueGetSeqField);
        const locking = this.#mutex.lock();
        if (locking !== undefined) await locking;
        const bytes = this.#getLocked();
        if (bytes !== undefined) return decodeItem(bytes);
        if (this.closed()) throw drainedError('Queue.get()');
        if (signal?.aborted) {
          wakeAll(ctl, kQueueGetSeqField);
          throw abortErrorFor(signal, 'Queue.get()');
        }
        const left = remainingUntil(deadline);
        if (left <= 0) throw new QueueEmpty('Queue.get(): no item arrived before the timeout');
        releaseKeepAlive ??= holdProcessAlive();
        if ((await sleepOn(ctl, kQueueGetSeqField, seq, left, signal)) === 'aborted') {
          throw abortErrorFor(signal as AbortSignal, 'Queue.get()');
        }
      }
    } finally {
      releaseKeepAlive?.();
    }
  }

  getNowait(): unknown {
    this.#mutex.lockSync('Queue.getNowait()');
    const bytes = this.#getLocked();
    if (bytes !== undefined) return decodeItem(bytes);
    if (this.closed()) throw drainedError('Queue.getNowait()');
    throw new QueueEmpty('Queue.getNowait(): the queue is empty');
  }

  /** Runs with the mutex held and releases it. */
  #getLocked(): Uint8Array | undefined {
    let bytes: Uint8Array | undefined;
    try {
      bytes = this.#ring.shift();
    } finally {
      this.#mutex.unlock();
    }
    if (bytes !== undefined && this.maxsize > 0) {
      Atomics.add(this.#ctl, kQueuePutSeqField, 1);
      Atomics.notify(this.#ctl, kQueuePutSeqField, 1);
    }
    return bytes;
  }

  // ── state, close, tasks ──────────────────────────────────────────────────────────────

  qsize(): number {
    return Atomics.load(this.#ctl, kQueueCountMirrorField);
  }

  closed(): boolean {
    return Atomics.load(this.#ctl, kQueueClosedField) === 1;
  }

  close(): void {
    const ctl = this.#ctl;
    if (Atomics.exchange(ctl, kQueueClosedField, 1) === 1) return;
    for (const field of [kQueueGetSeqField, kQueuePutSeqField]) {
      Atomics.add(ctl, field, 1);
      Atomics.notify(ctl, field);
    }
  }

  taskDone(): void {
    this.#mutex.lockSync('Queue.taskDone()');
    let left: number;
    try {
      left = this.#ring.finishTask();
    } finally {
      this.#mutex.unlock();
    }
    if (left < 0) {
      throw new RangeError('Queue.taskDone(): called more times than items were put; call it once per item taken with get()');
    }
    if (left === 0) Atomics.notify(this.#ctl, kQueueUnfinishedMirrorField);
  }

  join(options: WaitOptions): Promise<boolean> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortErrorFor(signal, 'Queue.join()'));
    return this.#joinSlow(options.timeout, signal);
  }

  async #joinSlow(timeout: number | undefined, signal: AbortSignal | undefined): Promise<boolean> {
    const ctl = this.#ctl;
    const deadline = deadlineOf(timeout);
    let releaseKeepAlive: (() => void) | undefined;
    try {
      for (;;) {
        const unfinished = Atomics.load(ctl, kQueueUnfinishedMirrorField);
        if (unfinished === 0) return true;
        if (signal?.aborted) {
          wakeAll(ctl, kQueueUnfinishedMirrorField);
          throw abortErrorFor(signal, 'Queue.join()');
        }
        const left = remainingUntil(deadline);
        if (left <= 0) return false;
        releaseKeepAlive ??= holdProcessAlive();
        if ((await sleepOn(ctl, kQueueUnfinishedMirrorField, unfinished, left, signal)) === 'aborted') {
          throw abortErrorFor(signal as AbortSignal, 'Queue.join()');
        }
      }
    } finally {
      releaseKeepAlive?.();
    }
  }

  releaseHeldBy(holderId: number): void {
    if (!this.#mutex.stealFrom(holderId)) return;
    const ctl = this.#ctl;
    // The dead thread may have committed without refreshing the mirrors: rebuild them.
    publishMirrors(ctl, readState(ctl));
    this.#mutex.unlock();
    for (const field of [kQueueGetSeqField, kQueuePutSeqField]) Atomics.add(ctl, field, 1);
    for (const field of [kQueueGetSeqField, kQueuePutSeqField, kQueueUnfinishedMirrorField]) Atomics.notify(ctl, field);
  }
}

function encode(item: unknown, what: string): Uint8Array {
  try {
    return encodeItem(item);
  } catch (err) {
    throw new SerializationError(
      `${what}: the item could not be serialized (${(err as Error).message}); queue items must be structured-cloneable ` +
        'and, on worker_threads, must not contain SharedArrayBuffers or weft primitives',
      { cause: err },
    );
  }
}
