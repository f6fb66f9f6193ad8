// Owner-side state of a Lock, RLock, Semaphore or BoundedSemaphore: the count, who holds
// what (by process address), and the FIFO of waiting acquirers. Every method is synchronous;
// waiting is expressed by keeping a waiter and answering its Call later.
// A dead process's semaphore units come back only up to the initial value: units beyond it
// were made by release() (signals), not borrowed, so a dead consumer of a Semaphore(0) used
// as a signal creates no phantom signals (as worker_threads' counting-semaphore.ts).
import { LockNotOwnedError, type SemLockKind, type SemLockParams } from '@weft/spi';
import type { Address } from '../tree/address.js';
import type { Call } from './call.js';
import { unknownOp, type PrimitiveState } from './state.js';
import { WaitList } from './wait-list.js';

interface LockWaiter {
  readonly from: Address;
  /** units (semaphore) or recursion depth (rlock, restored by Condition.wait) to take */
  readonly depth: number;
  /** the acquire request, absent for a Condition's re-acquire */
  readonly call?: Call;
  readonly grant: () => void;
}

export function semLockLabel(params: Pick<SemLockParams, 'kind' | 'max'>): string {
  if (params.kind === 'lock') return 'Lock';
  if (params.kind === 'rlock') return 'RLock';
  return Number.isFinite(params.max) ? 'BoundedSemaphore' : 'Semaphore';
}

export class SemLockState implements PrimitiveState {
  readonly kind: SemLockKind;
  readonly max: number;
  readonly label: string;
  /** the value at creation: the ceiling for what the dead give back */
  readonly #initial: number;
  #value: number;
  /**
   * lock: the holder → 1; rlock: the owner → depth; semaphore: each process → units it took.
   * A process that holds nothing any more stays in as 0 until it exits: deleting a Map's only
   * key and adding it back reallocates the Map's table on every acquire/release.
   */
  readonly #holders = new Map<Address, number>();
  readonly #waiters = new WaitList<LockWaiter>();
  onChange: (() => void) | undefined = undefined;

  constructor(params: SemLockParams) {
    this.kind = params.kind;
    this.max = params.max;
    this.#value = params.value;
    this.#initial = params.value;
    this.label = semLockLabel(params);
  }

  get value(): number {
    return this.#value;
  }

  heldBy(from: Address): number {
    return this.#holders.get(from) ?? 0;
  }

  tryAcquire(from: Address): boolean {
    if (this.kind === 'rlock') {
      const depth = this.heldBy(from);
      if (depth > 0) {
        this.#holders.set(from, depth + 1);
        return true;
      }
    }
    if (this.#value > 0 && this.#waiters.size === 0) {
      this.#take(from, 1);
      return true;
    }
    return false;
  }

  acquire(call: Call): void {
    if (this.tryAcquire(call.from)) return call.ok(true);
    if (call.tryOnce) return call.ok(false);
    const waiter: LockWaiter = { from: call.from, depth: 1, call, grant: () => call.ok(true) };
    this.#waiters.add(waiter);
    call.arm(() => {
      this.#waiters.delete(waiter);
      call.ok(false);
    });
  }

  release(from: Address, n: number): void {
    switch (this.kind) {
      case 'lock':
        if (this.#value >= 1) {
          throw new LockNotOwnedError('Lock.release(): the lock is not locked; call release() only after a successful acquire()');
        }
        for (const holder of this.#holders.keys()) this.#holders.set(holder, 0); // any process may release a Lock
        this.#value = 1;
        break;
      case 'rlock': {
        const depth = this.heldBy(from);
        if (depth === 0) {
          throw new LockNotOwnedError('RLock.release(): the calling worker does not own this RLock; only the worker that acquired it may release it');
        }
        if (depth > 1) {
          this.#holders.set(from, depth - 1);
          this.onChange?.();
          return;
        }
        this.#holders.set(from, 0);
        this.#value = 1;
        break;
      }
      case 'semaphore': {
        if (this.#value + n > this.max) {
          throw new RangeError(
            `${this.label}.release(${n}): the value would rise to ${this.#value + n}, above its initial value ${this.max}; release only what was acquired`,
          );
        }
        this.#value += n;
        const held = this.heldBy(from);
        this.#holders.set(from, held > n ? held - n : 0);
        break;
      }
    }
    this.onChange?.();
    this.#dispatch();
  }

  /** Condition.wait: give the lock up entirely (an rlock's whole depth); returns that depth */
  releaseAll(from: Address, what: string): number {
    const depth = this.heldBy(from);
    if (depth === 0) {
      throw new LockNotOwnedError(`${what}: the calling worker does not hold the condition's lock; acquire it first`);
    }
    this.#holders.set(from, 0);
    this.#value = 1;
    this.onChange?.();
    this.#dispatch();
    return depth;
  }

  /** Condition.wait's second half: take the lock back at `depth`, then call `grant` */
  reacquire(from: Address, depth: number, grant: () => void): void {
    if (this.#value > 0 && this.#waiters.size === 0) {
      this.#take(from, depth);
      grant();
      return;
    }
    this.#waiters.add({ from, depth, grant });
  }

  invoke(op: string, args: readonly unknown[], call: Call): void {
    if (op === 'acquire') return this.acquire(call);
    if (op === 'release') {
      this.release(call.from, args[0] as number);
      return call.ok(undefined);
    }
    call.fail(unknownOp(this.label, op));
  }

  cancel(call: Call): void {
    const waiter = this.#waiters.find((w) => w.call === call);
    if (waiter === undefined) return; // already granted: that answer is on its way
    this.#waiters.delete(waiter);
    call.aborted();
  }

  forget(isGone: (address: Address) => boolean): void {
    for (const w of this.#waiters.removeWhere((w) => isGone(w.from))) w.call?.disarm();
    for (const [address, units] of this.#holders) {
      if (!isGone(address)) continue;
      this.#holders.delete(address);
      if (units === 0) continue;
      // a lock has one unit; a semaphore gets back what the dead process took, but never rises
      // above its initial value that way (and a value already above it is left alone)
      if (this.kind !== 'semaphore') this.#value = 1;
      else if (this.#value < this.#initial) this.#value = Math.min(this.#initial, this.#value + units);
    }
    this.onChange?.();
    this.#dispatch();
  }

  snapshot(from: Address): [value: number, mine: number] {
    return [this.#value, this.heldBy(from)];
  }

  #take(from: Address, depth: number): void {
    this.#value -= this.kind === 'semaphore' ? depth : 1;
    this.#holders.set(from, this.heldBy(from) + depth);
    this.onChange?.();
  }

  #dispatch(): void {
    while (this.#value > 0) {
      const next = this.#waiters.shift();
      if (next === undefined) return;
      next.call?.disarm();
      this.#take(next.from, next.depth);
      next.grant();
    }
  }
}
