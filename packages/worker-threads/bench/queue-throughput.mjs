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
  const producer = new Worker(
    `import { workerData } from 'node:worker_threads';
     import { workerThreadsBackend as b } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
     const q = b.revive(workerData.q);
     for (let i = 0; i < workerData.n; i++) await q.put({ i, label: 'item' }, {});`,
    { eval: true, workerData: { q: q.describe(), n: kItems }, type: 'module' },
  );
  producer.on('error', (e) => console.error(e));
  const t0 = performance.now();
  for (let i = 0; i < kItems; i++) await q.get(opts);
  console.log(`worker → main through a Queue(1024) of small objects: ${((kItems / (performance.now() - t0)) * 1000 / 1e6).toFixed(2)} M items/s`);
}
