// The child's end of the channel to its parent (process.send / process.on('message')).
//
//   parent ──'p' ToWorker──▶ ParentLink ──▶ worker-side listeners (buffered until one exists)
//   parent ──'b' broker────▶ ParentLink ──▶ ProcessNode.receive (route on, or handle here)
//   parent ◀──────────────── ParentLink.send ('h' once at start, then 'p' and 'b')
//   parent gone ('disconnect', even after SIGKILL) ──▶ exit now: no orphans
import { PROTOCOL_TAG, type FromWorker, type ToWorker, type WorkerBootData } from '@weft/spi';
import type { BrokerMessage } from '../broker/messages.js';
import type { ChildEnv } from '../env.js';
import { HELLO, isEnvelope, type Envelope } from '../wire.js';

/** exit code of a child whose parent went away: nobody is left to read it; 0 = not a crash */
export const EXIT_CODE_PARENT_GONE = 0;

export class ParentLink {
  readonly boot: WorkerBootData;
  readonly #listeners: Array<(message: ToWorker) => void> = [];
  #early: ToWorker[] = [];

  constructor(env: ChildEnv, onBroker: (message: BrokerMessage) => void) {
    this.boot = env.boot;
    process.on('message', (message: unknown) => {
      if (!isEnvelope(message)) return; // the user's own message
      if (message[PROTOCOL_TAG] === 'b') onBroker(message.m);
      else if (message[PROTOCOL_TAG] === 'p') this.#deliver(message.m as ToWorker);
    });
    // The IPC channel closes when the parent exits or is killed: follow it at once.
    process.on('disconnect', () => process.exit(EXIT_CODE_PARENT_GONE));
    this.send(HELLO);
  }

  send(envelope: Envelope): void {
    if (process.connected) process.send?.(envelope);
  }

  postProtocol(message: FromWorker): void {
    this.send({ [PROTOCOL_TAG]: 'p', m: message });
  }

  onProtocol(listener: (message: ToWorker) => void): void {
    this.#listeners.push(listener);
    const early = this.#early;
    this.#early = [];
    for (const m of early) listener(m);
  }

  #deliver(message: ToWorker): void {
    if (this.#listeners.length === 0) {
      this.#early.push(message);
      return;
    }
    for (const l of this.#listeners) l(message);
  }
}
