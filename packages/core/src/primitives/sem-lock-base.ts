// The shared face of Lock, RLock, Semaphore and BoundedSemaphore: all four are one backend
// SemLock with different parameters (as multiprocessing.synchronize).
import { TimeoutError, kPrimitive, type SemLockHandle, type SemLockParams } from '@weft/spi';
import type { EncodedPrimitive } from '../codec/encode.js';
import { backend } from '../internal/get-backend.js';
import { kHandle } from '../internal/symbols.js';
import { adoptOr } from './handle-slot.js';
import { checkWait, rejecting, type WaitOptions } from './wait-options.js';

export abstract class SemLockBase {
  readonly #handle: SemLockHandle;
  protected abstract readonly className: string;

  protected constructor(params: SemLockParams) {
    this.#handle = adoptOr(() => backend().createSemLock(params));
  }

  /**
   * Wait for a unit. Resolves true when acquired, false when `timeout` ms passed first.
   * @throws AbortError (rejects) when `signal` fires; the unit is then not taken.
   */
  acquire(options?: WaitOptions): Promise<boolean> {
    return rejecting(() => this.#handle.acquire(checkWait(this.className, 'acquire', options)));
  }

  /** Take a unit if one is free right now, without waiting. */
  tryAcquire(): boolean {
    return this.#handle.tryAcquire();
  }

  /**
   * Run `fn` holding a unit, releasing it however `fn` ends.
   * @throws TimeoutError (rejects) when no unit came within `timeout` ms.
   */
  async runExclusive<R>(fn: () => R | PromiseLike<R>, options?: WaitOptions): Promise<Awaited<R>> {
    if (typeof fn !== 'function') throw new TypeError(`${this.className}.runExclusive(): fn must be a function`);
    if (!(await this.acquire(options))) {
      throw new TimeoutError(`${this.className}.runExclusive(): not acquired within ${options?.timeout} ms`);
    }
    try {
      return await fn();
    } finally {
      this.#handle.release(1);
    }
  }

  get [kHandle](): SemLockHandle {
    return this.#handle;
  }
  [kPrimitive](): EncodedPrimitive {
    return { cls: this.className, descriptor: this.#handle.describe() };
  }
}
