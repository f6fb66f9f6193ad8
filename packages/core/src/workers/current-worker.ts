// Who am I, and who did I start: threading.current_thread() and friends.
import { builtin } from '@weft/spi';
import { backend } from '../internal/get-backend.js';
import { runtimeWorkerName } from '../worker-runtime/identity.js';
import { liveChildren, type WorkerInfo } from './children.js';

export type { WorkerInfo };

/** `{ name, ident }` of the running worker; 'MainThread' / 'MainProcess' in the main one. */
export function currentWorker(): WorkerInfo {
  const name = runtimeWorkerName() ?? (backend().name === 'worker_threads' ? 'MainThread' : 'MainProcess');
  return { name, ident: getIdent() };
}
/** threadId (worker_threads) or pid (child_process) of the running worker. */
export function getIdent(): number {
  return backend().currentIdent();
}
/** true in the main thread/process, false inside a weft worker */
export function isMainWorker(): boolean {
  return runtimeWorkerName() === undefined;
}
/** Workers started from here (pool workers and Worker instances) that are still alive. */
export function activeChildren(): WorkerInfo[] {
  return liveChildren();
}
/** The current worker and its live children. */
export function enumerate(): WorkerInfo[] {
  return [currentWorker(), ...liveChildren()];
}
/** CPUs this process may use (os.availableParallelism()). */
export function cpuCount(): number {
  try {
    return builtin('node:os').availableParallelism();
  } catch {
    return builtin('node:os').cpus().length || 1;
  }
}
