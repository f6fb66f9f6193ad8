// What a spawned thread finds under workerData.weftChannel: its own MessagePort for weft's
// protocol (parentPort stays the user's, untouched), the doorbell the parent rings, and the
// one the thread knocks on after each message it posts (ThreadWorker.awaitMessage polls it).
import type { MessagePort } from 'node:worker_threads';

export const CHANNEL_KEY = 'weftChannel';

export interface ProtocolChannel {
  readonly port: MessagePort;
  readonly bell: SharedArrayBuffer;
  readonly outbox: SharedArrayBuffer;
}
