// Recycling (maxTasksPerWorker), memory caps (resourceLimits) and idle exit (idleTimeout).
// Run: node docs/examples/recycling-and-limits.mjs
import { ResourceLimitError, WorkerPoolExecutor } from '@weft/core';
import { hoardMemory, square, whoRuns } from './tasks.mjs';

// A fresh worker every 3 tasks (a chunk of a map counts as one task).
const recycled = new WorkerPoolExecutor({ maxWorkers: 1, maxTasksPerWorker: 3 });
const idents = [];
for (let i = 0; i < 9; i++) idents.push(await recycled.submit(whoRuns));
console.log('9 tasks, 3 per worker -> distinct workers:', new Set(idents).size);
await recycled.shutdown();

// A per-worker heap cap: the task that exceeds it fails with ResourceLimitError, and the pool
// replaces the worker, so the next task runs normally.
const capped = new WorkerPoolExecutor({ maxWorkers: 1, resourceLimits: { maxOldGenerationSizeMb: 64 } });
try {
  await capped.submit(hoardMemory);
} catch (err) {
  console.log('hoardMemory failed with', err.name, '| is ResourceLimitError:', err instanceof ResourceLimitError);
}
console.log('next task on the replacement worker:', await capped.submit(square, 12));
await capped.shutdown();

// Workers that stay idle for idleTimeout ms exit; the next task starts a new one.
const idle = new WorkerPoolExecutor({ maxWorkers: 2, idleTimeout: 100 });
await idle.map(square, [1, 2, 3, 4]);
console.log('workers after the map:', idle.stats().workers > 0 ? 'running' : 'none');
const waitedSince = Date.now();
while (idle.stats().workers > 0 && Date.now() - waitedSince < 10_000) await new Promise((r) => setTimeout(r, 20));
console.log('workers after idling:', idle.stats().workers);
console.log('a new task still works:', await idle.submit(square, 5));
await idle.shutdown();
