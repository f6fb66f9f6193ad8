// WorkerPool: Python's multiprocessing.Pool, in weft.
// Run: node docs/examples/worker-pool.mjs   (WEFT_BACKEND=child_process to use processes)
import { WorkerPool } from '@weft/core';
import { scale, square, whoRuns } from './tasks.mjs';

const pool = new WorkerPool({ workers: 2 });

console.log('map:', await pool.map(square, [1, 2, 3, 4]));
console.log('starmap:', await pool.starmap(scale, [[1, 2], [3, 4], [5, 6]]));

const lazily = [];
for await (const sq of pool.imap(square, [5, 6, 7])) lazily.push(sq);
console.log('imap:', lazily);

const asTheyFinish = [];
for await (const sq of pool.imapUnordered(square, [8, 9, 10])) asTheyFinish.push(sq);
console.log('imapUnordered (sorted):', asTheyFinish.sort((a, b) => a - b));

console.log('apply:', await pool.apply(scale, [6, 7]));

// applyAsync returns a Future at once; callback runs when the result is in.
const callbackSaw = [];
const future = pool.applyAsync(square, [12], { callback: (result) => callbackSaw.push(result) });
console.log('applyAsync:', await future, '| done:', future.done());

// close(): no new work; join(): wait until the workers have exited.
pool.close();
await pool.join();
console.log('callback saw:', callbackSaw);

// maxTasksPerWorker recycles a worker after N tasks: watch the worker idents change.
const recycling = new WorkerPool({ workers: 1, maxTasksPerWorker: 2 });
const idents = await recycling.map(whoRuns, [1, 2, 3, 4, 5, 6], { chunksize: 1 });
console.log('6 tasks, 2 per worker -> distinct workers:', new Set(idents).size);
// terminate(): stop now (unfinished tasks fail with CancelledError).
await recycling.terminate();
console.log('terminated');
