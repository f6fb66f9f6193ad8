// Event: one shared word = (number of set() calls that changed it) << 1 | flag. set() turns
// the flag on, bumps the count and wakes every sleeper; wait() sleeps on the word. A waiter
// that sees the count move returns true even if clear() already ran (as Python's Event: a
// set() always releases the waiters present at that moment).
import { abortErrorFor, deadlineOf, holdProcessAlive, remainingUntil, type EventHandle, type WaitOptions } from '@weft/spi';
import { kBackendName, type EventDescriptor } from './descriptors.js';
import { kEventFieldCount, kEventFlagField, newInt32Block } from './layout.js';
import { RESOLVED_FALSE, RESOLVED_TRUE } from './resolved.js';
import { sleepOn, wakeAll } from './wait.js';

export class SabEvent implements EventHandle {
  readonly #i32: Int32Array;

  private constructor(i32: Int32Array) {
    this.#i32 = i32;
  }

  static create(): SabEvent {
    return new SabEvent(newInt32Block(kEventFieldCount));
  }

  static revive(descriptor: EventDescriptor): SabEvent {
    return new SabEvent(new Int32Array(descriptor.buffer));
  }

  describe(): EventDescriptor {
    return { backend: kBackendName, type: 'event', buffer: this.#i32.buffer as SharedArrayBuffer };
  }

  set(): void {
    const i32 = this.#i32;
    let word = Atomics.load(i32, kEventFlagField);
    while ((word & 1) === 0) {
      const next = ((word + 2) & 0x7ffffffe) | 1;
      const prev = Atomics.compareExchange(i32, kEventFlagField, word, next);
      if (prev === word) {
        Atomics.notify(i32, kEventFlagField);
        return;
      }
      word = prev;
    }
  }

  clear(): void {
    Atomics.and(this.#i32, kEventFlagField, ~1);
  }

  isSet(): boolean {
    return (Atomics.load(this.#i32, kEventFlagField) & 1) === 1;
  }

  wait(options: WaitOptions): Promise<boolean> {
    const signal = options.signal;
    if (signal !== undefined && signal.aborted) return Promise.reject(abortErrorFor(signal, 'Event.wait()'));
    if (this.isSet()) return RESOLVED_TRUE;
    if (options.timeout === 0) return RESOLVED_FALSE;
    return this.#waitSlow(options.timeout, signal);
  }

  async #waitSlow(timeout: number | undefined, signal: AbortSignal | undefined): Promise<boolean> {
    const i32 = this.#i32;
    const deadline = deadlineOf(timeout);
    const releaseKeepAlive = holdProcessAlive();
    const startWord = Atomics.load(i32, kEventFlagField);
    try {
      for (;;) {
        const word = Atomics.load(i32, kEventFlagField);
        if ((word & 1) === 1 || word !== startWord) return true;
        if (signal?.aborted) {
          wakeAll(i32, kEventFlagField);
          throw abortErrorFor(signal, 'Event.wait()');
        }
        const left = remainingUntil(deadline);
        if (left <= 0) return false;
        if ((await sleepOn(i32, kEventFlagField, word, left, signal)) === 'aborted') {
          throw abortErrorFor(signal as AbortSignal, 'Event.wait()');
        }
      }
    } finally {
      releaseKeepAlive();
    }
  }
}
