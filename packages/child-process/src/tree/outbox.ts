// The sending end of one channel (to the parent, or to one child). Fire-and-forget broker
// messages this process makes (release, set, notify...) are held until the end of the
// current synchronous run of code (a microtask), or until anything else is sent on the same
// channel, whichever comes first; then they go out in the same write as that message. So
// `await lock.acquire(); lock.release()` in a loop costs one IPC message per acquire, not two,
// and the order of everything sent on the channel stays exactly as it was made.
// Cost: a release followed by long synchronous code in the same tick reaches the owner only
// when that code yields.
import type { BrokerMessage } from '../broker/messages.js';
import { PROTOCOL_TAG } from '@weft/spi';
import type { Envelope } from '../wire.js';

export class Outbox {
  readonly #write: (envelope: Envelope) => void;
  #held: BrokerMessage[] = [];
  #flushScheduled = false;

  constructor(write: (envelope: Envelope) => void) {
    this.#write = write;
  }

  /** send now, after (and together with) anything held */
  send(envelope: Envelope): void {
    if (this.#held.length === 0) return this.#write(envelope);
    const held = this.#held;
    this.#held = [];
    if (envelope[PROTOCOL_TAG] === 'b') {
      return this.#write({ [PROTOCOL_TAG]: 'b', m: held.concat(envelope.m) });
    }
    this.#write({ [PROTOCOL_TAG]: 'b', m: held });
    this.#write(envelope);
  }

  /** send with the next message on this channel, or at the end of this tick */
  later(message: BrokerMessage): void {
    this.#held.push(message);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => {
      this.#flushScheduled = false;
      this.flush();
    });
  }

  flush(): void {
    if (this.#held.length === 0) return;
    const held = this.#held;
    this.#held = [];
    this.#write({ [PROTOCOL_TAG]: 'b', m: held.length === 1 ? (held[0] as BrokerMessage) : held });
  }

  /** the channel is gone: drop what was held */
  discard(): void {
    this.#held = [];
  }
}
