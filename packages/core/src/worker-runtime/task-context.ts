// taskSignal(): the AbortSignal of the task running now. Controllers are made lazily, so
// tasks that never ask pay nothing. With concurrency 1 the running task is a plain variable
// (it stays set across its awaits); with concurrency > 1 AsyncLocalStorage tells tasks apart.
import { AsyncLocalStorage } from 'node:async_hooks';
import { CancelledError } from '@weft/spi';

let current: number | undefined;
let als: AsyncLocalStorage<number> | undefined;
const controllers = new Map<number, AbortController>();
const abortedEarly = new Set<number>();

export function setCurrentTask(id: number | undefined): void {
  current = id;
}
export function useAsyncContext(): AsyncLocalStorage<number> {
  return (als ??= new AsyncLocalStorage<number>());
}

/** The running task's AbortSignal: fires when the caller cancels or aborts the task. */
export function taskSignal(): AbortSignal {
  const id = als?.getStore() ?? current;
  if (id === undefined) {
    throw new Error('taskSignal() was called outside a running weft task; call it from inside the function you submit (before or after awaits, but while it runs)');
  }
  let c = controllers.get(id);
  if (c === undefined) {
    controllers.set(id, (c = new AbortController()));
    if (abortedEarly.delete(id)) c.abort(cancelReason(id));
  }
  return c.signal;
}

export function abortTask(id: number): void {
  const c = controllers.get(id);
  if (c !== undefined) c.abort(cancelReason(id));
  else abortedEarly.add(id);
}

/** True (once) if the task was aborted before it started; it should then not run. */
export function takeAbortedBeforeStart(id: number): boolean {
  return abortedEarly.delete(id);
}

export function finishTask(id: number): void {
  controllers.delete(id);
  abortedEarly.delete(id);
}

function cancelReason(id: number): CancelledError {
  return new CancelledError(`task ${id} was cancelled by its caller; stop work and return (or throw)`);
}
