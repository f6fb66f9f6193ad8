// Backend selection: chosen once per process, on first use.
// worker_threads when node:worker_threads, SharedArrayBuffer and Atomics.waitAsync are all
// there; otherwise child_process. WEFT_BACKEND overrides; children inherit it.
import { childProcessBackend } from '@weft/child-process';
import { BACKEND_NAMES, WeftError, type Backend, type BackendName } from '@weft/spi';
import { workerThreadsBackend } from '@weft/worker-threads';

const BACKENDS: Record<BackendName, Backend> = {
  worker_threads: workerThreadsBackend,
  child_process: childProcessBackend,
};

let chosen: Backend | undefined;

function choose(): Backend {
  const requested = process.env.WEFT_BACKEND;
  if (requested !== undefined && requested !== '') {
    if (!(BACKENDS as Record<string, Backend>)[requested]) {
      throw new RangeError(
        `WEFT_BACKEND=${JSON.stringify(requested)} is not a weft backend; valid values are ${BACKEND_NAMES.map((n) => `"${n}"`).join(', ')} (or leave it unset to choose automatically)`,
      );
    }
    const backend = BACKENDS[requested as BackendName];
    const why = backend.unavailableReason();
    if (why !== null) {
      throw new WeftError(`WEFT_BACKEND=${requested} was requested, but ${why}; unset WEFT_BACKEND to fall back automatically`);
    }
    return backend;
  }
  return workerThreadsBackend.unavailableReason() === null ? workerThreadsBackend : childProcessBackend;
}

/** The backend object of this process (internal). */
export function backend(): Backend {
  return (chosen ??= choose());
}

/** The backend of this process: 'worker_threads' or 'child_process'. */
export function getBackend(): BackendName {
  return backend().name;
}
