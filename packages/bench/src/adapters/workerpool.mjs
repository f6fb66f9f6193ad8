// workerpool adapter, thread or process workers. Process workers fork with serialization
// 'advanced' for binary payloads; workerpool ignores `transfer` for processes (it copies).
import workerpool from 'workerpool';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../workers/workerpool-worker.mjs', import.meta.url));

export async function open({ workers, workerType }) {
  const pool = workerpool.pool(script, {
    workerType,
    minWorkers: workers,
    maxWorkers: workers,
    ...(workerType === 'process' ? { forkOpts: { serialization: 'advanced' } } : {}),
  });
  return {
    call: (name, arg, transferList) =>
      pool.exec(name, [arg], transferList && workerType === 'thread' ? { transfer: transferList } : undefined),
    close: () => pool.terminate(),
  };
}
