// What dist/worker-entry.cjs runs in a thread or process a backend spawned: find the transport
// of whichever backend started it, register tsx when the parent ran under it (Node < 22
// threads), then run the task loop.
import { childProcessBackend } from '@weft/child-process';
import { workerThreadsBackend } from '@weft/worker-threads';
import { importModule, startedUp } from '../internal/loader-hooks.js';
import { setWorkerName } from './identity.js';
import { startRuntime } from './runtime.js';

export async function startWorker(): Promise<void> {
  const side = workerThreadsBackend.workerSide() ?? childProcessBackend.workerSide();
  if (side === null) {
    throw new Error('weft: worker-entry.cjs was started outside a weft worker; it is spawned by WorkerPoolExecutor and Worker, not run directly');
  }
  if (side.boot.tsxApi !== undefined) {
    const api = (await importModule(side.boot.tsxApi)) as { register: () => unknown };
    api.register();
  }
  setWorkerName(side.boot.name);
  startRuntime(side, startedUp);
}
