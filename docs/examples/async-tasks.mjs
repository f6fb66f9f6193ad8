// Async task functions, and `concurrency` for I/O-bound work.
// Run: node docs/examples/async-tasks.mjs
import { WorkerPoolExecutor, pmap } from '@weft/core';
import { fakeFetch } from './tasks.mjs';

// An async task is awaited in the worker: you get its value, not a promise.
console.log(await pmap(fakeFetch, [1, 2, 3], { args: [10] }));

// With concurrency, one worker runs up to N async tasks at once: while one waits on I/O,
// the others make progress. 20 waits of 100 ms each, on ONE worker:
const pool = new WorkerPoolExecutor({ maxWorkers: 1, concurrency: 10 });
const started = performance.now();
const calls = Array.from({ length: 20 }, (_, id) => [id, 100]); // starmap: each item is an argument list
const replies = await pool.starmap(fakeFetch, calls);
const ms = performance.now() - started;
console.log(`${replies.length} replies, all 200: ${replies.every((r) => r.status === 200)}`);
console.log(`overlapped (well under the 2000 ms one at a time would take): ${ms < 1500}`);
await pool.shutdown();
