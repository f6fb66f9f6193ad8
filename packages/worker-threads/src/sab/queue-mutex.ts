// The Queue's internal mutex: an owner word (owner-word.ts) held only for the few µs a
// synchronous critical section takes, never across an await, so its holder is always another
// thread that is running. Async callers sleep with waitAsync; the synchronous methods
// (putNowait, getNowait, taskDone) must spin, bounded by kSyncLockLimitMs.
import { InvalidStateError, holdProcessAlive, nowMs } from '@weft/spi';
import { isMainThread } from 'node:worker_threads';
import { kSelfHolderId } from '../ident.js';
import { kQueueLockField } from './layout.js';
import { lockWordOrMarkContended, ownerOf, tryLockWord, unlockWord } from './owner-word.js';

/**
 * How long a synchronous queue method may spin for the mutex. The longest legitimate hold is
 * copying one huge item (~200 ms for 1 GiB); beyond this the holder is most likely a worker
 * that died mid-operation and whose parent has not recovered the mutex yet (the parent needs
 * its event loop, which a spinning main thread would be blocking). Trade-off: a smaller limit
 * fails sooner under heavy preemption; a larger one blocks longer before reporting.
 */
export const kSyncLockLimitMs = 2000;
/** Inside a worker, sleep this long between attempts instead of spinning (ms). */
const kWorkerSpinSleepMs = 1;

export class QueueMutex {
  readonly #ctl: Int32Array;

  constructor(ctl: Int32Array) {
    this.#ctl = ctl;
  }

  /** One CAS: take it if it is free. */
  tryLock(): boolean {
    return tryLockWord(this.#ctl, kQueueLockField, kSelfHolderId);
  }

  /** Take it; returns undefined when taken at once, else a promise for when it is ours. */
  lock(): Promise<void> | undefined {
    if (tryLockWord(this.#ctl, kQueueLockField, kSelfHolderId)) return undefined;
    return this.#lockSlow();
  }

  async #lockSlow(): Promise<void> {
    const releaseKeepAlive = holdProcessAlive();
    try {
      for (;;) {
        const word = lockWordOrMarkContended(this.#ctl, kQueueLockField, kSelfHolderId);
        if (word === 0) return;
        await Atomics.waitAsync(this.#ctl, kQueueLockField, word).value;
      }
    } finally {
      releaseKeepAlive();
    }
  }

  /** Take it synchronously (see kSyncLockLimitMs); `what` names the caller in the error. */
  lockSync(what: string): void {
    const ctl = this.#ctl;
    if (tryLockWord(ctl, kQueueLockField, kSelfHolderId)) return;
    const deadline = nowMs() + kSyncLockLimitMs;
    for (;;) {
      const word = lockWordOrMarkContended(ctl, kQueueLockField, kSelfHolderId);
      if (word === 0) return;
      if (nowMs() > deadline) {
        throw new InvalidStateError(
          `${what}: the queue's internal mutex has been held by thread ${ownerOf(word) - 1} for over ${kSyncLockLimitMs} ms ` +
            '(probably a worker that died mid-operation); use the async put()/get(), which wait for its recovery',
        );
      }
      if (!isMainThread) Atomics.wait(ctl, kQueueLockField, word, kWorkerSpinSleepMs);
    }
  }

  unlock(): void {
    unlockWord(this.#ctl, kQueueLockField);
  }

  /**
   * If `holderId` (a dead thread) holds it, take it over for this thread and return true; the
   * caller repairs what it must and then unlock()s.
   */
  stealFrom(holderId: number): boolean {
    const ctl = this.#ctl;
    let word = Atomics.load(ctl, kQueueLockField);
    while (word !== 0 && ownerOf(word) === holderId) {
      const prev = Atomics.compareExchange(ctl, kQueueLockField, word, kSelfHolderId * 2 + (word & 1));
      if (prev === word) return true;
      word = prev;
    }
    return false;
  }
}
