// SemLockHandle (Lock, RLock, Semaphore, BoundedSemaphore) over a Link: exact in the owner,
// one round trip per acquire elsewhere; release is fire-and-forget (ordered by the channel).
import { LockNotOwnedError, type SemLockHandle, type SemLockKind, type WaitOptions } from '@weft/spi';
import type { SemLockDescriptor } from './descriptor.js';
import type { Link } from './link.js';
import { notSynchronousHere } from './not-synchronous.js';
import { semLockLabel, type SemLockState } from './sem-lock-state.js';

type Snapshot = [value: number, mine: number];

const NO_ARGS: readonly unknown[] = [];

export class BrokeredSemLock implements SemLockHandle {
  readonly kind: SemLockKind;
  readonly #link: Link<SemLockState>;
  readonly #value: number;
  readonly #max: number;
  readonly #label: string;
  /** "Lock.acquire()": made once, since acquire is the hot path */
  readonly #acquireWhat: string;

  constructor(link: Link<SemLockState>, params: { kind: SemLockKind; value: number; max: number }) {
    this.kind = params.kind;
    this.#link = link;
    this.#value = params.value;
    this.#max = params.max;
    this.#label = semLockLabel(params);
    this.#acquireWhat = `${this.#label}.acquire()`;
  }

  acquire(options: WaitOptions): Promise<boolean> {
    return this.#link.call('acquire', NO_ARGS, options, this.#acquireWhat) as Promise<boolean>;
  }

  tryAcquire(): boolean {
    const state = this.#link.state;
    if (state === null) {
      throw notSynchronousHere(`${this.#label}.tryAcquire()`, this.#label, this.#link.ownerPid, 'await acquire({ timeout: 0 })');
    }
    return state.tryAcquire(this.#link.me);
  }

  release(n: number): void {
    if (this.#link.state !== null) return this.#link.post('release', [n], `${this.#label}.release()`);
    // Another process owns it: check what this process can know exactly (its own holding)
    // or recently (the snapshot), then send without waiting. A failure the owner still finds
    // is reported as a process warning.
    const [value, mine] = this.#snapshot();
    if (this.kind === 'rlock' && mine === 0) {
      throw new LockNotOwnedError('RLock.release(): the calling worker does not own this RLock; only the worker that acquired it may release it');
    }
    if (this.kind === 'lock' && mine === 0 && value >= 1) {
      throw new LockNotOwnedError('Lock.release(): the lock is not locked; call release() only after a successful acquire()');
    }
    if (this.kind === 'semaphore' && value + n > this.#max) {
      throw new RangeError(`${this.#label}.release(${n}): the value would rise to ${value + n}, above its initial value ${this.#max}; release only what was acquired`);
    }
    this.#link.post('release', [n], `${this.#label}.release()`);
    if (this.kind === 'rlock') this.#link.snapshot = [mine === 1 ? 1 : 0, mine - 1];
    else if (this.kind === 'lock') this.#link.snapshot = [1, 0];
    else this.#link.snapshot = [value + n, Math.max(0, mine - n)];
  }

  value(): number {
    return this.#link.state?.value ?? this.#snapshot()[0];
  }

  heldByMe(): number {
    return this.#link.state?.heldBy(this.#link.me) ?? this.#snapshot()[1];
  }

  describe(): SemLockDescriptor {
    this.#link.share();
    return {
      backend: 'child_process',
      type: 'semlock',
      owner: this.#link.owner,
      id: this.#link.id,
      kind: this.kind,
      value: this.#value,
      max: this.#max,
      s: [this.value(), 0],
    };
  }

  /** @internal Condition.wait gave the lock up (0) or got it back (depth) in the owner */
  noteHeld(mine: number): void {
    if (this.#link.state === null) this.#link.snapshot = [mine > 0 ? 0 : this.#snapshot()[0], mine];
  }

  /** @internal for Condition: the lock's link */
  get link(): Link<SemLockState> {
    return this.#link;
  }

  #snapshot(): Snapshot {
    return this.#link.snapshot as Snapshot;
  }
}
