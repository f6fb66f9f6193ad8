import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
const w = new Worker(`const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m + 1));`, { eval: true });
for (let i = 0; i < 11000; i++) { w.postMessage(i); await once(w, 'message'); }
await w.terminate();
