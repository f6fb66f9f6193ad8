// Uses a pool and never shuts it down. An idle pool must not keep the process alive: this
// program has to exit on its own, with code 0, once its work is done.
import { WorkerPoolExecutor, getBackend } from '@weft/core';
import { square } from '../fixtures/arithmetic.mjs';

const pool = new WorkerPoolExecutor({ maxWorkers: 2 });
const squares = await pool.map(square, [1, 2, 3, 4, 5, 6, 7, 8]);
const single = await pool.submit(square, 9);
// Nor does a map() deadline: these results are never read, and their timeout is far off.
pool.map(square, [10], { timeout: 600_000 });
console.log(JSON.stringify({ backend: getBackend(), squares, single }));
