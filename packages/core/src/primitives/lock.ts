import { kHandle } from '../internal/symbols.js';
import { SemLockBase } from './sem-lock-base.js';

/** A mutual-exclusion lock shared by every worker it is passed to (threading.Lock). */
export class Lock extends SemLockBase {
  protected readonly className: string = 'Lock';
  constructor() {
    super({ kind: 'lock', value: 1, max: 1 });
  }
  /**
   * Unlock. Any worker may release a Lock (as in Python).
   * @throws LockNotOwnedError when the lock is not locked.
   */
  release(): void {
    this[kHandle].release(1);
  }
  locked(): boolean {
    return this[kHandle].value() === 0;
  }
}
