import { deadlineOf, kPrimitive, remainingUntil, type ConditionHandle } from '@weft/spi';
import type { EncodedPrimitive } from '../codec/encode.js';
import { backend } from '../internal/get-backend.js';
import { kHandle } from '../internal/symbols.js';
import { adoptOr, constructWith } from './handle-slot.js';
import { Lock } from './lock.js';
import { RLock } from './rlock.js';
import { checkWait, rejecting, type WaitOptions } from './wait-options.js';

/**
 * A condition variable over a Lock or RLock (threading.Condition; an RLock by default).
 * wait/notify need the lock held by the calling worker.
 */
export class Condition {
  readonly #handle: ConditionHandle;
  readonly #lock: Lock | RLock;

  constructor(lock?: Lock | RLock) {
    if (lock !== undefined && !(lock instanceof Lock) && !(lock instanceof RLock)) {
      throw new TypeError('new Condition(lock): lock must be a weft Lock or RLock (or omitted for a new RLock)');
    }
    const handle = adoptOr<ConditionHandle | undefined>(() => undefined);
    if (handle !== undefined) {
      this.#handle = handle;
      this.#lock = constructWith(handle.lock, () => (handle.lock.kind === 'rlock' ? new RLock() : new Lock()));
    } else {
      this.#lock = lock ?? new RLock();
      this.#handle = backend().createCondition(this.#lock[kHandle]);
    }
  }

  /** The underlying lock. */
  get lock(): Lock | RLock {
    return this.#lock;
  }
  acquire(options?: WaitOptions): Promise<boolean> {
    return this.#lock.acquire(options);
  }
  tryAcquire(): boolean {
    return this.#lock.tryAcquire();
  }
  release(): void {
    this.#lock.release();
  }
  runExclusive<R>(fn: () => R | PromiseLike<R>, options?: WaitOptions): Promise<Awaited<R>> {
    return this.#lock.runExclusive(fn, options);
  }

  /**
   * Release the lock, wait for a notify (or `timeout` ms), re-acquire the lock.
   * Resolves true when notified, false on timeout.
   * @throws LockNotOwnedError when the caller does not hold the lock; AbortError on signal.
   */
  wait(options?: WaitOptions): Promise<boolean> {
    return rejecting(() => this.#handle.wait(checkWait('Condition', 'wait', options)));
  }

  /**
   * Wait until `predicate()` is truthy; resolves with its last value (falsy if `timeout` ms
   * passed first). The predicate is checked with the lock held.
   */
  async waitFor<R>(predicate: () => R | PromiseLike<R>, options?: WaitOptions): Promise<R> {
    if (typeof predicate !== 'function') throw new TypeError('Condition.waitFor(): predicate must be a function');
    const opts = checkWait('Condition', 'waitFor', options);
    const deadline = deadlineOf(opts.timeout);
    let result = await predicate();
    while (!result) {
      const left = remainingUntil(deadline);
      if (left <= 0) break;
      await this.#handle.wait({ timeout: deadline === Infinity ? undefined : left, signal: opts.signal });
      result = await predicate();
    }
    return result;
  }

  /** Wake up to `n` waiters. @throws LockNotOwnedError when the caller does not hold the lock. */
  notify(n = 1): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Condition.notify(n): n must be an integer >= 0, got ${String(n)}`);
    this.#handle.notify(n);
  }
  /** Wake every waiter. @throws LockNotOwnedError when the caller does not hold the lock. */
  notifyAll(): void {
    this.#handle.notifyAll();
  }

  [kPrimitive](): EncodedPrimitive {
    return { cls: 'Condition', descriptor: this.#handle.describe() };
  }
}
