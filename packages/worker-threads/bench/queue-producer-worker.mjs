// The producer for bench/queue-throughput.mjs: puts `n` small objects.
import { workerData } from 'node:worker_threads';
import { workerThreadsBackend as backend } from '../dist/index.js';

const q = backend.revive(workerData.q);
for (let i = 0; i < workerData.n; i++) await q.put({ i, label: 'item' }, {});
