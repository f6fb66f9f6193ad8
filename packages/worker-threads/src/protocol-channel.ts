// What a spawned thread finds under workerData.weftChannel: its own MessagePort for weft's
// protocol (parentPort stays the user's, untouched) and the doorbell the parent rings.
import type { MessagePort } from 'node:worker_threads';

export const CHANNEL_KEY = 'weftChannel';

export interface ProtocolChannel {
  readonly port: MessagePort;
  readonly bell: SharedArrayBuffer;
}
