// Owner-side state of a Condition. It lives with its lock (same owner), so "release the lock
// and start waiting" and "notified: queue for the lock again" are each one atomic step here.
import { LockNotOwnedError } from '@weft/spi';
import type { Address } from '../tree/address.js';
import type { Call } from './call.js';
import type { SemLockState } from './sem-lock-state.js';
import { unknownOp, type PrimitiveState } from './state.js';
import { WaitList } from './wait-list.js';

interface CondWaiter {
  readonly call: Call;
  /** the lock depth to restore (an rlock's whole recursion) */
  readonly depth: number;
  /** what the wait resolves with once the lock is back: notified, timed out, or aborted */
  outcome: boolean | 'aborted';
}

export class ConditionState implements PrimitiveState {
  readonly lock: SemLockState;
  /** waiters not yet notified; notified ones are in the lock's queue until they get it back */
  readonly #waiting = new WaitList<CondWaiter>();
  readonly #reacquiring = new Set<CondWaiter>();
  /** never called: a Condition has no snapshot of its own (its lock's changes are the lock's) */
  onChange: (() => void) | undefined = undefined;

  constructor(lock: SemLockState) {
    this.lock = lock;
  }

  wait(call: Call): void {
    const depth = this.lock.releaseAll(call.from, 'Condition.wait()');
    const waiter: CondWaiter = { call, depth, outcome: false };
    this.#waiting.add(waiter);
    call.arm(() => {
      if (this.#waiting.delete(waiter)) this.#reacquire(waiter, false);
    });
  }

  notify(from: Address, n: number): void {
    if (this.lock.heldBy(from) === 0) {
      // notifyAll() arrives as notify(Infinity): name what the caller called
      const what = n === Infinity ? 'Condition.notifyAll()' : 'Condition.notify()';
      throw new LockNotOwnedError(`${what}: the calling worker does not hold the condition's lock; acquire it first`);
    }
    for (let i = 0; i < n; i++) {
      const waiter = this.#waiting.shift();
      if (waiter === undefined) return;
      this.#reacquire(waiter, true);
    }
  }

  invoke(op: string, args: readonly unknown[], call: Call): void {
    switch (op) {
      case 'wait':
        return this.wait(call);
      case 'notify':
        this.notify(call.from, args[0] as number);
        return call.ok(undefined);
      default:
        call.fail(unknownOp('Condition', op));
    }
  }

  /** an aborted wait still takes the lock back before it rejects (as Python's does) */
  cancel(call: Call): void {
    const waiting = this.#waiting.find((w) => w.call === call);
    if (waiting !== undefined) {
      this.#waiting.delete(waiting);
      this.#reacquire(waiting, 'aborted');
      return;
    }
    for (const w of this.#reacquiring) if (w.call === call) w.outcome = 'aborted';
  }

  forget(isGone: (address: Address) => boolean): void {
    for (const w of this.#waiting.removeWhere((w) => isGone(w.call.from))) w.call.disarm();
    for (const w of this.#reacquiring) if (isGone(w.call.from)) this.#reacquiring.delete(w);
    // their places in the lock's queue are dropped by the lock's own forget()
  }

  snapshot(): null {
    return null;
  }

  #reacquire(waiter: CondWaiter, outcome: boolean | 'aborted'): void {
    waiter.call.disarm();
    waiter.outcome = outcome;
    this.#reacquiring.add(waiter);
    this.lock.reacquire(waiter.call.from, waiter.depth, () => {
      this.#reacquiring.delete(waiter);
      if (waiter.outcome === 'aborted') waiter.call.aborted();
      else waiter.call.ok(waiter.outcome);
    });
  }
}
