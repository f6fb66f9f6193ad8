// Lock and RLock on one shared owner word (see owner-word.ts) plus, for RLock, a depth.
//
//   thread A: acquire ─CAS 0→A─▶ [word = A]           (uncontended: one CAS, no promise made)
//   thread B: acquire ─CAS fails─▶ mark contended [A|1] ─waitAsync(word)─┐
//   thread A: release ─CAS A|1→0─▶ notify(word, 1) ───────────────────────┘─▶ B retries
//
// A thread that dies holding it is released by its parent (releaseHeldBy), see
// dead-holder-registry.ts.
import { LockNotOwnedError, abortErrorFor, deadlineOf, holdProcessAlive, remainingUntil, type SemLockHandle, type WaitOptions } from '@weft/spi';
import { trackForDeadHolders, type ReleasesDeadHolders } from '../dead-holder-registry.js';
import { kSelfHolderId } from '../ident.js';
import { kBackendName, type SemLockDescriptor } from './descriptors.js';
import { kLockFieldCount, kSemDepthField, kSemStateField, newInt32Block } from './layout.js';
import { lockWordOrMarkContended, ownerOf, unlockWord, unlockWordIfOwnedBy } from './owner-word.js';
import { RESOLVED_FALSE, RESOLVED_TRUE } from './resolved.js';
import { sleepOn, wakeAll } from './wait.js';

export class SabMutexLock implements SemLockHandle, ReleasesDeadHolders {
  readonly kind: 'lock' | 'rlock';
  readonly #i32: Int32Array;
  readonly #reentrant: boolean;
  readonly #label: string;
  readonly #me = kSelfHolderId;
  readonly #meWord = kSelfHolderId * 2;

  private constructor(i32: Int32Array, kind: 'lock' | 'rlock') {
    this.kind = kind;
    this.#i32 = i32;
    this.#reentrant = kind === 'rlock';
    this.#label = kind === 'rlock' ? 'RLock' : 'Lock';
    trackForDeadHolders(this);
  }

  static create(kind: 'lock' | 'rlock'): SabMutexLock {
    return new SabMutexLock(newInt32Block(kLockFieldCount), kind);
  }

  static revive(descriptor: SemLockDescriptor): SabMutexLock {
    return new SabMutexLock(new Int32Array(descriptor.buffer), descriptor.kind === 'rlock' ? 'rlock' : 'lock');
  }

  describe(): SemLockDescriptor {
    return { backend: kBackendName, type: 'semlock', kind: this.kind, max: 1, buffer: this.#i32.buffer as SharedArrayBuffer };
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
    const prev = Atomics.compareExchange(i32, kSemStateField, 0, this.#meWord);
    if (prev === 0) {
      if (this.#reentrant) i32[kSemDepthField] = 1;
      return true;
    }
    if (this.#reentrant && ownerOf(prev) === this.#me) {
      i32[kSemDepthField] = (i32[kSemDepthField] ?? 0) + 1;
      return true;
    }
    return false;
  }

  async #acquireSlow(timeout: number | undefined, signal: AbortSignal | undefined): Promise<boolean> {
    const i32 = this.#i32;
    const deadline = deadlineOf(timeout);
    const releaseKeepAlive = holdProcessAlive();
    try {
      for (;;) {
        const word = lockWordOrMarkContended(i32, kSemStateField, this.#me);
        if (word === 0) {
          if (this.#reentrant) i32[kSemDepthField] = 1;
          return true;
        }
        if (signal?.aborted) {
          wakeAll(i32, kSemStateField);
          throw abortErrorFor(signal, `${this.#label}.acquire()`);
        }
        const left = remainingUntil(deadline);
        // Giving up leaves the word marked contended, so its holder's release still wakes
        // the remaining sleepers: no wake is lost.
        if (left <= 0) return false;
        if ((await sleepOn(i32, kSemStateField, word, left, signal)) === 'aborted') {
          throw abortErrorFor(signal as AbortSignal, `${this.#label}.acquire()`);
        }
      }
    } finally {
      releaseKeepAlive();
    }
  }

  release(n = 1): void {
    if (n !== 1) throw new RangeError(`${this.#label}.release(n): n must be 1 for a ${this.#label}, got ${n}`);
    const i32 = this.#i32;
    if (this.#reentrant) {
      if (ownerOf(Atomics.load(i32, kSemStateField)) !== this.#me) {
        throw new LockNotOwnedError(
          'RLock.release(): the calling worker does not own this RLock; release it only from the worker that acquired it',
        );
      }
      const depth = (i32[kSemDepthField] ?? 1) - 1;
      i32[kSemDepthField] = depth;
      if (depth > 0) return;
    }
    if (Atomics.compareExchange(i32, kSemStateField, this.#meWord, 0) === this.#meWord) return;
    if (!unlockWord(i32, kSemStateField)) {
      throw new LockNotOwnedError(`${this.#label}.release(): the lock is not locked; call release() only after a successful acquire()`);
    }
  }

  value(): number {
    return Atomics.load(this.#i32, kSemStateField) === 0 ? 1 : 0;
  }

  heldByMe(): number {
    if (ownerOf(Atomics.load(this.#i32, kSemStateField)) !== this.#me) return 0;
    return this.#reentrant ? Atomics.load(this.#i32, kSemDepthField) : 1;
  }

  /** Condition.wait: give the lock up entirely; returns the depth to restore afterwards. */
  releaseForConditionWait(): number {
    const i32 = this.#i32;
    const depth = this.#reentrant ? Atomics.load(i32, kSemDepthField) : 1;
    if (this.#reentrant) i32[kSemDepthField] = 0;
    unlockWord(i32, kSemStateField);
    return depth;
  }

  /** Condition.wait: take the lock back (whatever the wait's timeout/signal did) at `depth`. */
  async reacquireAfterConditionWait(depth: number): Promise<void> {
    await this.acquire({});
    if (this.#reentrant) this.#i32[kSemDepthField] = depth;
  }

  releaseHeldBy(holderId: number): void {
    const i32 = this.#i32;
    if (ownerOf(Atomics.load(i32, kSemStateField)) !== holderId) return;
    // The dead owner can no longer touch the depth, and nobody else can until we unlock.
    if (this.#reentrant) Atomics.store(i32, kSemDepthField, 0);
    unlockWordIfOwnedBy(i32, kSemStateField, holderId);
  }
}
