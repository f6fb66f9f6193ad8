// The child's end of the channel to its parent (process.send / process.on('message')).
//
//   parent ──ToWorker frame──▶ ParentLink ──▶ worker-side listeners (buffered until one exists)
//   parent ──broker frame────▶ ParentLink ──▶ ProcessNode.receive (route on, or handle here)
//   parent ◀────────────────── ParentLink.send (HELLO once at start, then protocol and broker)
//   parent gone ('disconnect' or EPIPE, even after SIGKILL) ──▶ exit now: no orphans
//   parent gone while a task blocks the event loop ──▶ parent-watchdog.ts (a thread) ends it
//   after a send the event loop may keep turning ~60 µs for the answer (awake-after-send.ts)
import type { FromWorker, ToWorker, WorkerBootData } from '@weft/spi';
import type { BrokerMessage } from '../broker/messages.js';
import type { ChildEnv } from '../env.js';
import { brokerMessage } from '../wire/broker-frames.js';
import { HELLO, HELLO_FRAME, isBrokerFrame, isFrame, type Frame } from '../wire/frame.js';
import { protocolFrame, protocolMessage } from '../wire/protocol-frames.js';
import { pidOf } from './address.js';
import { AwakeAfterSend } from './awake-after-send.js';
import { watchParent } from './parent-watchdog.js';

/** exit code of a child whose parent went away: nobody is left to read it; 0 = not a crash */
export const EXIT_CODE_PARENT_GONE = 0;

export class ParentLink {
  readonly boot: WorkerBootData;
  readonly #listeners: Array<(message: ToWorker) => void> = [];
  #early: ToWorker[] = [];
  readonly #awake = new AwakeAfterSend();

  constructor(env: ChildEnv, onBroker: (message: BrokerMessage) => void) {
    this.boot = env.boot;
    process.on('message', (message: unknown) => {
      if (!isFrame(message)) return; // the user's own message
      this.#awake.heard();
      if (isBrokerFrame(message)) onBroker(brokerMessage(message));
      else if (typeof message === 'string' || message[1] !== HELLO) this.#deliver(protocolMessage(message) as ToWorker);
    });
    // The IPC channel closes when the parent exits or is killed: follow it at once. A send
    // that finds the channel broken means the same (else it would be an unhandled 'error').
    process.on('disconnect', () => process.exit(EXIT_CODE_PARENT_GONE));
    process.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_IPC_CHANNEL_CLOSED') process.exit(EXIT_CODE_PARENT_GONE);
      if (process.listenerCount('error') === 1) throw err; // nobody else handles it: as if unheard
    });
    // ...and while a task keeps the event loop busy, a thread of its own watches instead.
    watchParent(pidOf(env.parentAddress));
    this.send(HELLO_FRAME);
  }

  send(frame: Frame): void {
    if (!process.connected) return;
    process.send?.(frame);
    this.#awake.sent();
  }

  postProtocol(message: FromWorker): void {
    this.send(protocolFrame(message));
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
