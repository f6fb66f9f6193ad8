// The child's end of the frame pipe to its parent (wire/frame-channel.ts).
//
//   parent ──ToWorker frame──▶ ParentLink ──▶ worker-side listeners (buffered until one exists)
//   parent ──broker frame────▶ ParentLink ──▶ ProcessNode.receive (route on, or handle here)
//   parent ◀────────────────── ParentLink.send (protocol and broker frames)
//   parent gone (the pipe or the IPC channel closes, even after SIGKILL) ──▶ exit now: no orphans
//   parent gone while a task blocks the event loop ──▶ parent-watchdog.ts (a thread) ends it
//   after a send the event loop may keep turning ~60 µs for the answer (awake-after-send.ts)
import type { TransferListItem } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerBootData } from '@weft/spi';
import type { BrokerMessage } from '../broker/messages.js';
import type { ChildEnv } from '../env.js';
import { brokerMessage } from '../wire/broker-frames.js';
import { isBrokerFrame, type Frame } from '../wire/frame.js';
import { FrameChannel } from '../wire/frame-channel.js';
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
  readonly #channel: FrameChannel;

  constructor(env: ChildEnv, onBroker: (message: BrokerMessage) => void) {
    this.boot = env.boot;
    this.#channel = new FrameChannel(env.frameFd, (frame) => {
      this.#awake.heard();
      if (isBrokerFrame(frame)) onBroker(brokerMessage(frame));
      else this.#deliver(protocolMessage(frame) as ToWorker);
    });
    // The pipe (a failed write included) and the IPC channel close when the parent exits or
    // is killed: follow at once.
    this.#channel.onClose(() => process.exit(EXIT_CODE_PARENT_GONE));
    process.on('disconnect', () => process.exit(EXIT_CODE_PARENT_GONE));
    // ...and while a task keeps the event loop busy, a thread of its own watches instead.
    watchParent(pidOf(env.parentAddress));
  }

  send(frame: Frame, transfer?: readonly TransferListItem[]): void {
    if (this.#channel.closed) return;
    this.#channel.send(frame, transfer);
    this.#awake.sent();
  }

  postProtocol(message: FromWorker, transfer?: readonly TransferListItem[]): void {
    this.send(protocolFrame(message), transfer);
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
