// One contender for bench/contended.mjs: `iterations` acquire/release pairs on a shared lock.
import { parentPort, workerData } from 'node:worker_threads';
import { workerThreadsBackend as backend } from '../dist/index.js';

const lock = backend.revive(workerData.lock);
const opts = {};
const t0 = performance.now();
for (let i = 0; i < workerData.iterations; i++) {
  await lock.acquire(opts);
  lock.release(1);
}
parentPort.postMessage(performance.now() - t0);
