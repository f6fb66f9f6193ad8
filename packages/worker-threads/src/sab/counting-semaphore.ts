// Semaphore and BoundedSemaphore: the count is one shared Int32 that acquirers CAS down and
// release() adds to; sleepers wait on the count word while it is 0. A sleeper count lets an
// uncontended release skip Atomics.notify, and release(n) wakes n sleepers (every one it can
// satisfy). Who holds units is kept in a HolderTable so a dead worker's units come back —
// but never above the initial value: units beyond it were made by release() (signals), not
// borrowed, so a dead consumer of a Semaphore(0) used as a signal creates no phantom signals.
import { abortErrorFor, deadlineOf, holdProcessAlive, remainingUntil, type SemLockHandle, type WaitOptions } from '@weft/spi';
import { trackForDeadHolders, type ReleasesDeadHolders } from '../dead-holder-registry.js';
import { kSelfHolderId } from '../ident.js';
import { kBackendName, type SemLockDescriptor } from './descriptors.js';
import { HolderTable } from './holder-table.js';
import { kSemInitialField, kSemStateField, kSemWaitersField, kSemaphoreFieldCount, newInt32Block } from './layout.js';
import { RESOLVED_FALSE, RESOLVED_TRUE } from './resolved.js';
import { sleepOn, wakeAll } from './wait.js';

/** The count lives in an Int32. */
export const kMaxSemaphoreValue = 0x7fffffff;

export class SabCountingSemaphore implements SemLockHandle, ReleasesDeadHolders {
  readonly kind = 'semaphore' as const;
  readonly #i32: Int32Array;
  readonly #max: number;
  readonly #table: HolderTable;
  readonly #label: string;
  readonly #me = kSelfHolderId;

  private constructor(i32: Int32Array, max: number) {
    this.#i32 = i32;
    this.#max = max;
    this.#table = new HolderTable(i32);
    this.#label = Number.isFinite(max) ? 'BoundedSemaphore' : 'Semaphore';
    trackForDeadHolders(this);
  }

  static create(value: number, max: number): SabCountingSemaphore {
    const i32 = newInt32Block(kSemaphoreFieldCount);
    i32[kSemStateField] = value;
    i32[kSemInitialField] = value;
    return new SabCountingSemaphore(i32, max);
  }

  static revive(descriptor: SemLockDescriptor): SabCountingSemaphore {
    return new SabCountingSemaphore(new Int32Array(descriptor.buffer), descriptor.max);
  }

  describe(): SemLockDescriptor {
    return { backend: kBackendName, type: 'semlock', kind: 'semaphore', max: this.#max, buffer: this.#i32.buffer as SharedArrayBuffer };
  }

  acquire(options: WaitOptions): Promise<boolean> {
    const signal = options.signal;
    if (signal !== undefined && signal.aborted) return Promise.reject(abortErrorFor(signal, `${this.#label}.acquire()`));
    if (this.tryAcquire()) return RESOLVED_TRUE;
    if (options.timeout === 0) return RESOLVED_FALSE;
    return this.#acquireSlow(options.timeout, signal);
  }

  tryAcquire(): boolean {
    const i32 = this.#i32;
    let count = Atomics.load(i32, kSemStateField);
    while (count > 0) {
      const prev = Atomics.compareExchange(i32, kSemStateField, count, count - 1);
      if (prev === count) {
        this.#table.add(this.#me, 1);
        return true;
      }
      count = prev;
    }
    return false;
  }

  async #acquireSlow(timeout: number | undefined, signal: AbortSignal | undefined): Promise<boolean> {
    const i32 = this.#i32;
    const deadline = deadlineOf(timeout);
    const releaseKeepAlive = holdProcessAlive();
    Atomics.add(i32, kSemWaitersField, 1);
    try {
      for (;;) {
        if (this.tryAcquire()) return true;
        if (signal?.aborted) {
          wakeAll(i32, kSemStateField);
          throw abortErrorFor(signal, `${this.#label}.acquire()`);
        }
        const left = remainingUntil(deadline);
        if (left <= 0) return false;
        if ((await sleepOn(i32, kSemStateField, 0, left, signal)) === 'aborted') {
          throw abortErrorFor(signal as AbortSignal, `${this.#label}.acquire()`);
        }
      }
    } finally {
      Atomics.sub(i32, kSemWaitersField, 1);
      releaseKeepAlive();
    }
  }

  release(n = 1): void {
    const i32 = this.#i32;
    let count = Atomics.load(i32, kSemStateField);
    for (;;) {
      if (count + n > this.#max) {
        throw new RangeError(
          `BoundedSemaphore.release(${n}): that would raise its value to ${count + n}, above its initial value ${this.#max}; release only units you acquired`,
        );
      }
      if (count + n > kMaxSemaphoreValue) {
        throw new RangeError(`Semaphore.release(${n}): that would raise its value to ${count + n}, above the largest supported value ${kMaxSemaphoreValue}`);
      }
      const prev = Atomics.compareExchange(i32, kSemStateField, count, count + n);
      if (prev === count) break;
      count = prev;
    }
    this.#table.remove(this.#me, n);
    if (Atomics.load(i32, kSemWaitersField) > 0) Atomics.notify(i32, kSemStateField, n);
  }

  value(): number {
    return Atomics.load(this.#i32, kSemStateField);
  }

  heldByMe(): number {
    return this.#table.heldBy(this.#me);
  }

  releaseHeldBy(holderId: number): void {
    const units = this.#table.releaseDead(holderId);
    if (units === 0) return;
    const i32 = this.#i32;
    // Not above the initial value (see the top): also covers a unit that another thread
    // already released on the dead holder's behalf.
    const ceiling = Atomics.load(i32, kSemInitialField);
    let count = Atomics.load(i32, kSemStateField);
    let given = 0;
    for (;;) {
      given = Math.max(0, Math.min(units, ceiling - count));
      if (given === 0) return;
      const prev = Atomics.compareExchange(i32, kSemStateField, count, count + given);
      if (prev === count) break;
      count = prev;
    }
    Atomics.notify(i32, kSemStateField, given);
  }
}
