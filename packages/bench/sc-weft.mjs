import { WorkerPoolExecutor } from '@weft/core';
import tasks from "/work/main/packages/bench/src/workers/weft-tasks.cjs";
const pool = new WorkerPoolExecutor({ maxWorkers: 1 });
for (let i = 0; i < 1000; i++) await pool.submit(tasks.inc, i);
globalThis.gcMark = 1;
for (let i = 0; i < 10000; i++) await pool.submit(tasks.inc, i);
await pool.shutdown();
