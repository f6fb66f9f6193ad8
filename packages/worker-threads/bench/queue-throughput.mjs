// Queue put+get throughput on one thread and producer→consumer across two threads
// (run after `npx tsup`):  node bench/queue-throughput.mjs
import { Worker } from 'node:worker_threads';
import { workerThreadsBackend as backend } from '../dist/index.js';

const kItems = 200_000; // enough to amortise start-up; small items measure the queue, not v8.serialize
const opts = {};

{
  const q = backend.createQueue(0);
  const t0 = performance.now();
  for (let i = 0; i < kItems; i++) {
    await q.put(i, opts);
    await q.get(opts);
  }
  console.log(`one thread, await put+get of a small int: ${((kItems / (performance.now() - t0)) * 1000 / 1e6).toFixed(2)} M pairs/s`);
}
{
  const q = backend.createQueue(1024);
  const producer = new Worker(new URL('./queue-producer-worker.mjs', import.meta.url), { workerData: { q: q.describe(), n: kItems } });
  producer.on('error', (e) => console.error(e));
  const t0 = performance.now();
  for (let i = 0; i < kItems; i++) await q.get(opts);
  console.log(`worker → main through a Queue(1024) of small objects: ${((kItems / (performance.now() - t0)) * 1000 / 1e6).toFixed(2)} M items/s`);
}
