// weft adapter. The backend is chosen once per process, so the parent runs this adapter in a
// subprocess with WEFT_BACKEND set; `expectBackend` makes a mismatch an error, not a mislabel.
//
// Tasks are named as `{ module, name }` in workers/tasks.cjs, the file piscina and tinypool
// load by filename: the same module, loaded the same way, in every pool's workers. (A task()
// module would also load weft itself in each worker: ~2–3 ms more at start-up, resolving and
// loading `@weft/core` from it; docs/performance.md.)
import { WorkerPoolExecutor, getBackend, transfer } from '@weft/core';

const module = new URL('../workers/tasks.cjs', import.meta.url).href;
const tasks = Object.fromEntries(['inc', 'incChunk', 'spin', 'byteLength'].map((name) => [name, { module, name }]));

export async function open({ workers, expectBackend }) {
  if (expectBackend && getBackend() !== expectBackend) {
    throw new Error(`weft adapter: expected backend ${expectBackend}, got ${getBackend()}; is WEFT_BACKEND honoured?`);
  }
  const pool = new WorkerPoolExecutor({ maxWorkers: workers });
  return {
    pool,
    call: (name, arg, transferList) =>
      pool.submit(tasks[name], transferList ? transfer(arg, transferList) : arg),
    map: (name, items, options) => pool.map(tasks[name], items, options),
    close: () => pool.shutdown(),
  };
}
