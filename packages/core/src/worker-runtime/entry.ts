// What a backend spawns. Finds the transport of whichever backend started this worker,
// registers tsx when the parent ran under it (Node < 22 threads), then runs the task loop.
import { childProcessBackend } from '@weft/child-process';
import { workerThreadsBackend } from '@weft/worker-threads';
import { setWorkerName } from './identity.js';
import { startRuntime } from './runtime.js';

const side = workerThreadsBackend.workerSide() ?? childProcessBackend.workerSide();
if (side === null) {
  throw new Error('weft: worker-entry.js was started outside a weft worker; it is spawned by WorkerPoolExecutor and Worker, not run directly');
}
if (side.boot.tsxApi !== undefined) {
  const api = (await import(side.boot.tsxApi)) as { register: () => unknown };
  api.register();
}
setWorkerName(side.boot.name);
startRuntime(side);
