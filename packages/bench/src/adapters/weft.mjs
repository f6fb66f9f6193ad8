// weft adapter. The backend is chosen once per process, so the parent runs this adapter in a
// subprocess with WEFT_BACKEND set; `expectBackend` makes a mismatch an error, not a mislabel.
import { WorkerPoolExecutor, getBackend, transfer } from '@weft/core';
import tasks from '../workers/weft-tasks.cjs';

export async function open({ workers, expectBackend }) {
  if (expectBackend && getBackend() !== expectBackend) {
    throw new Error(`weft adapter: expected backend ${expectBackend}, got ${getBackend()}; is WEFT_BACKEND honoured?`);
  }
  const pool = new WorkerPoolExecutor({ maxWorkers: workers });
  return {
    pool,
    tasks,
    call: (name, arg, transferList) =>
      pool.submit(tasks[name], transferList ? transfer(arg, transferList) : arg),
    map: (name, items, options) => pool.map(tasks[name], items, options),
    close: () => pool.shutdown(),
  };
}
