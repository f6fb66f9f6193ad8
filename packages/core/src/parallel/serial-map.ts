// pmap/gmap with `serial: true`: every item runs here, one after another, in input order — for
// debugging with breakpoints and plain stack traces. Results are the same as in workers;
// a failure surfaces the same way (the error itself, with taskFailure(err).index and this
// thread's ident), taskSignal() works inside the function, and an abort stops the run.
// Unlike in a worker, nothing is copied: the function sees the caller's objects, and a
// function that uses its closure works here although it would not in a worker.
import { abortErrorFor } from '@weft/spi';
import { resolveFn } from '../functions/fn-ref.js';
import { loadFn } from '../functions/load-fn.js';
import { attachFailure } from '../executor/task-failure.js';
import { currentWorker } from '../workers/current-worker.js';
import { abortTask, finishTask, useAsyncContext } from '../worker-runtime/task-context.js';

export interface SerialSpec {
  readonly where: string;
  readonly fn: unknown;
  readonly items: Iterable<unknown> | AsyncIterable<unknown>;
  readonly toArgs: (item: unknown) => unknown[];
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((done: number) => void) | undefined;
}

// Task ids for taskSignal(): negative, so they never collide with the pool's ids of a task
// that runs this serial map inside a worker.
let nextSerialId = -1;

/** Yields [index, result] for each item, in input order. */
export async function* serialMap(spec: SerialSpec): AsyncGenerator<[number, unknown], void, undefined> {
  const { where, signal } = spec;
  const fn = typeof spec.fn === 'function' ? (spec.fn as Function) : await loadFn(resolveFn(spec.fn, where).ref);
  const als = useAsyncContext();
  let index = 0;
  for await (const item of spec.items as AsyncIterable<unknown>) {
    if (signal?.aborted) throw abortErrorFor(signal, where);
    const id = nextSerialId--;
    let value: unknown;
    try {
      value = await untilAborted(als.run(id, () => fn(...spec.toArgs(item)) as unknown), id, signal, where);
    } catch (err) {
      if (signal?.aborted) throw err;
      const me = currentWorker();
      throw attachFailure(err, { workerIdent: me.ident, workerName: me.name, index });
    } finally {
      finishTask(id);
    }
    spec.onProgress?.(index + 1);
    yield [index, value];
    index++;
  }
}

/**
 * The task's outcome, or — if the signal fires first — its taskSignal() is aborted and the
 * run rejects with AbortError at once (a running function cannot be stopped in-process; it
 * is told to stop and its late result is dropped, as in a worker).
 */
function untilAborted(value: unknown, id: number, signal: AbortSignal | undefined, where: string): Promise<unknown> {
  const outcome = Promise.resolve(value);
  if (signal === undefined) return outcome;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      abortTask(id);
      reject(abortErrorFor(signal, where));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    outcome.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
