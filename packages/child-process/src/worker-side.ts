// The worker's side of the transport, for core's worker runtime in a forked child: frames on
// the pipe to the parent, through this process's ParentLink (the user's own process.send
// still goes over Node's IPC channel, untouched). See tree/parent-link.ts.
import type { TransferListItem } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerBootData, WorkerSide } from '@weft/spi';
import type { ParentLink } from './tree/parent-link.js';
import { processNode } from './tree/process-node.js';

export class ProcessWorkerSide implements WorkerSide {
  readonly #parent: ParentLink;

  constructor(parent: ParentLink) {
    this.#parent = parent;
  }

  get boot(): WorkerBootData {
    return this.#parent.boot;
  }

  post(message: FromWorker, transfer?: readonly TransferListItem[]): void {
    this.#parent.postProtocol(message, transfer);
  }

  onMessage(listener: (message: ToWorker) => void): void {
    this.#parent.onProtocol(listener);
  }
}

let side: ProcessWorkerSide | null | undefined;

/** this process's transport when a weft parent forked it (WEFT_BOOT and the frame pipe's fd set, IPC present), else null */
export function processWorkerSide(): ProcessWorkerSide | null {
  if (side === undefined) {
    const parent = processNode().parent;
    side = parent === null ? null : new ProcessWorkerSide(parent);
  }
  return side;
}
