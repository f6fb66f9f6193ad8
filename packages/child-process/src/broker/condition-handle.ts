// ConditionHandle over a Link. The condition's state always lives with its lock's owner
// (created there on first use when the Condition was made elsewhere), so wait() is one round
// trip: release the lock, wait, re-acquire — all decided by that owner.
import { LockNotOwnedError, type ConditionHandle, type WaitOptions } from '@weft/spi';
import type { ConditionState } from './condition-state.js';
import type { ConditionDescriptor } from './descriptor.js';
import type { Link } from './link.js';
import type { BrokeredSemLock } from './sem-lock-handle.js';

export class BrokeredCondition implements ConditionHandle {
  readonly lock: BrokeredSemLock;
  readonly #link: Link<ConditionState>;

  constructor(link: Link<ConditionState>, lock: BrokeredSemLock) {
    this.#link = link;
    this.lock = lock;
  }

  async wait(options: WaitOptions): Promise<boolean> {
    const mine = this.lock.heldByMe();
    this.lock.noteHeld(0);
    try {
      return (await this.#link.call('wait', [], options, 'Condition.wait()')) as boolean;
    } finally {
      this.lock.noteHeld(mine); // re-acquired at the same depth, whatever the outcome
    }
  }

  notify(n: number): void {
    this.#notify(n, 'Condition.notify()');
  }

  notifyAll(): void {
    this.#notify(Infinity, 'Condition.notifyAll()');
  }

  describe(): ConditionDescriptor {
    const lock = this.lock.describe(); // shares the lock too: the condition lives with it
    this.#link.share();
    return { backend: 'child_process', type: 'condition', owner: this.#link.owner, id: this.#link.id, lock, s: null };
  }

  #notify(n: number, what: string): void {
    if (this.#link.state === null && this.lock.heldByMe() === 0) {
      throw new LockNotOwnedError(`${what}: the calling worker does not hold the condition's lock; acquire it first`);
    }
    this.#link.post('notify', [n], what);
  }
}
