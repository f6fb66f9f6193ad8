// Bare worker_threads peer for the raw limits: a number comes back +1 (ping-pong, burst,
// start-up); a typed array comes back as its byteLength (payload). Nothing else.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (m) => parentPort.postMessage(typeof m === 'number' ? m + 1 : m.byteLength));
