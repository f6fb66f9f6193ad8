// Contended Lock throughput: N worker threads hammer one lock (run after `npx tsup`):
//   node bench/contended.mjs [threads]
// Reports total acquire+release pairs per second across all threads.
import { Worker } from 'node:worker_threads';
import { workerThreadsBackend as backend } from '../dist/index.js';

const kIterations = 200_000; // per thread; enough to amortise thread start-up
const threads = Number(process.argv[2] ?? 2);
const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
const t0 = performance.now();
const times = await Promise.all(
  Array.from({ length: threads }, () => {
    const w = new Worker(new URL('./contended-worker.mjs', import.meta.url), { workerData: { lock: lock.describe(), iterations: kIterations } });
    return new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  }),
);
const wall = performance.now() - t0;
console.log(
  `${threads} threads × ${kIterations} acquire+release on one Lock: ${((threads * kIterations) / wall / 1000).toFixed(2)} M ops/s overall ` +
    `(wall ${wall.toFixed(0)} ms incl. start-up; per-thread loop ${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
);
