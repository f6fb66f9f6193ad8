// Bare one-way receiver: told how many messages to expect, counts them, reports once.
import { parentPort, workerData } from 'node:worker_threads';

let seen = 0;
parentPort.on('message', () => {
  if (++seen === workerData.expect) {
    parentPort.postMessage(seen);
    seen = 0;
  }
});
