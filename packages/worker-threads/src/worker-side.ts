// The worker's side of the transport, over parentPort (see thread-worker.ts for the sketch).
// Present only in a thread this backend spawned: it finds its boot data under workerData.weft.
import type { FromWorker, ToWorker, WorkerBootData, WorkerSide } from '@weft/spi';
import { parentPort, workerData, type MessagePort, type TransferListItem } from 'node:worker_threads';
import { tag, untag } from './tagged-message.js';

class ThreadWorkerSide implements WorkerSide {
  readonly boot: WorkerBootData;
  readonly #port: MessagePort;

  constructor(port: MessagePort, boot: WorkerBootData) {
    this.#port = port;
    this.boot = boot;
  }

  post(message: FromWorker, transfer?: readonly TransferListItem[]): void {
    this.#port.postMessage(tag(message), transfer as TransferListItem[] | undefined);
  }

  onMessage(listener: (message: ToWorker) => void): void {
    this.#port.on('message', (data: unknown) => {
      const message = untag<ToWorker>(data);
      if (message !== undefined) listener(message);
    });
  }
}

let side: ThreadWorkerSide | null | undefined;

/** This thread's transport when this backend spawned it, else null. */
export function workerSide(): WorkerSide | null {
  if (side === undefined) {
    const boot = (workerData as { weft?: WorkerBootData } | null | undefined)?.weft;
    side = parentPort !== null && boot !== undefined ? new ThreadWorkerSide(parentPort, boot) : null;
  }
  return side;
}
