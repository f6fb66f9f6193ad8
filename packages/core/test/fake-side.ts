// A worker's transport with no parent behind it: the test sends what the parent would and
// reads what the runtime posted. Shared by the worker runtime's tests.
import type { FromWorker, TaskResult, ToWorker, WorkerSide } from '@weft/spi';

export function fakeSide(): { side: WorkerSide; send: (m: ToWorker) => void; posted: FromWorker[]; results: () => TaskResult[] } {
  let listener: ((m: ToWorker) => void) | undefined;
  const posted: FromWorker[] = [];
  const side: WorkerSide = {
    boot: { protocol: 1, backend: 'worker_threads', name: 'runtime-test' },
    post: (m) => void posted.push(m),
    onMessage: (l) => void (listener = l),
  };
  return {
    side,
    send: (m) => listener!(m),
    posted,
    results: () => posted.flatMap((m) => (m.type === 'results' ? m.results : [])),
  };
}

/** Let every pending reaction run (the runtime's own promise chains included). */
export const settle = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
