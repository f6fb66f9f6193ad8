import { kHandle } from '../internal/symbols.js';
import { SemLockBase } from './sem-lock-base.js';

/**
 * A lock the owning worker may acquire again; it is free once released as many times
 * (threading.RLock). The owner is the worker (thread or process), so async code inside one
 * worker shares the ownership.
 */
export class RLock extends SemLockBase {
  protected readonly className: string = 'RLock';
  constructor() {
    super({ kind: 'rlock', value: 1, max: 1 });
  }
  /** @throws LockNotOwnedError when the calling worker does not own the lock. */
  release(): void {
    this[kHandle].release(1);
  }
  locked(): boolean {
    return this[kHandle].value() === 0;
  }
}
