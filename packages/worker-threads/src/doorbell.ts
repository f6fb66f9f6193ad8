// A counter in shared memory that the parent bumps after every protocol message it posts, so
// a worker with nothing to do can sleep in Atomics.wait for the next message and take it with
// receiveMessageOnPort — one futex wake instead of a trip through its event loop.
//
//   parent: port.postMessage(m); ring()          worker: seen = rung(); (no message?) sleep(seen, ms)
//
// The message is posted before the ring, so a worker that read `seen` before the ring either
// finds the message or sees the counter move and does not sleep.
import { nowMs } from '@weft/spi';

export class Doorbell {
  readonly #cell: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.#cell = new Int32Array(buffer);
  }

  get buffer(): SharedArrayBuffer {
    return this.#cell.buffer as SharedArrayBuffer;
  }

  ring(): void {
    Atomics.add(this.#cell, 0, 1);
    Atomics.notify(this.#cell, 0);
  }

  /** ring for a reader that polls (spin), never sleeps: no notify, so no futex call */
  knock(): void {
    Atomics.add(this.#cell, 0, 1);
  }

  rung(): number {
    return Atomics.load(this.#cell, 0);
  }

  /** Sleep until the bell rings past `seen` or `ms` pass; false when the time ran out. */
  sleep(seen: number, ms: number): boolean {
    return Atomics.wait(this.#cell, 0, seen, ms) !== 'timed-out';
  }

  /** Poll, awake, until the bell rings past `seen` or `ms` pass; false when the time ran out. */
  spin(seen: number, ms: number): boolean {
    const until = nowMs() + ms;
    do {
      if (Atomics.load(this.#cell, 0) !== seen) return true;
    } while (nowMs() < until);
    return false;
  }
}
