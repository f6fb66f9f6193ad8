// wait() and asCompleted(), as concurrent.futures.
import { TimeoutError, deadlineOf, remainingUntil, validateOptions } from '@weft/spi';
import { Future } from './future.js';

export type ReturnWhen = 'FIRST_COMPLETED' | 'FIRST_EXCEPTION' | 'ALL_COMPLETED';
export interface WaitOptions {
  readonly timeout?: number;
  readonly returnWhen?: ReturnWhen;
}
export interface DoneAndNotDone<T> {
  readonly done: Set<Future<T>>;
  readonly notDone: Set<Future<T>>;
}

function checkFutures<T>(where: string, futures: Iterable<Future<T>>): Future<T>[] {
  if (futures === null || typeof (futures as Iterable<unknown>)?.[Symbol.iterator] !== 'function') {
    throw new TypeError(`${where}: futures must be an iterable of Future`);
  }
  const list = [...new Set(futures)];
  list.forEach((f, i) => {
    if (!(f instanceof Future)) throw new TypeError(`${where}: futures[${i}] is not a Future`);
  });
  return list;
}

const failed = <T>(f: Future<T>): boolean => f.done() && !f.cancelled() && hasException(f);
const exceptionOf = new WeakMap<object, boolean>();
function hasException(f: object): boolean {
  return exceptionOf.get(f) ?? false;
}
function track<T>(f: Future<T>, onDone: () => void): void {
  f.addDoneCallback(() => {
    if (!exceptionOf.has(f)) {
      // Observe the outcome without creating an unhandled rejection.
      f.then(
        () => exceptionOf.set(f, false),
        () => exceptionOf.set(f, !f.cancelled()),
      ).then(onDone, onDone);
    } else onDone();
  });
}

/**
 * Wait until the condition of `returnWhen` holds, or `timeout` ms pass; either way resolve
 * with the futures done and not done at that moment (as Python, a timeout is not an error).
 */
export function wait<T>(futures: Iterable<Future<T>>, options?: WaitOptions): Promise<DoneAndNotDone<T>> {
  let list: Future<T>[];
  try {
    validateOptions('wait()', options, {
      timeout: { type: 'number', min: 0, optional: true, infinite: true },
      returnWhen: { type: 'oneOf', values: ['FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED'], optional: true },
    });
    list = checkFutures('wait()', futures);
  } catch (e) {
    return Promise.reject(e);
  }
  const returnWhen = options?.returnWhen ?? 'ALL_COMPLETED';
  const timeout = options?.timeout;
  return new Promise((resolve) => {
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const snapshot = (): DoneAndNotDone<T> => ({
      done: new Set(list.filter((f) => f.done())),
      notDone: new Set(list.filter((f) => !f.done())),
    });
    const check = () => {
      if (finished) return;
      const ready = list.filter((f) => f.done() && exceptionOf.has(f));
      const satisfied =
        ready.length === list.length ||
        (returnWhen === 'FIRST_COMPLETED' && ready.length > 0) ||
        (returnWhen === 'FIRST_EXCEPTION' && ready.some(failed));
      if (!satisfied) return;
      finished = true;
      if (timer !== undefined) clearTimeout(timer);
      resolve(snapshot());
    };
    if (timeout !== undefined && timeout !== Infinity) {
      timer = setTimeout(() => {
        finished = true;
        resolve(snapshot());
      }, timeout);
    }
    for (const f of list) track(f, check);
    check();
  });
}

/**
 * Yield each future itself as it completes (already-completed ones first). After `timeout` ms
 * from the call, throws TimeoutError naming how many had not completed.
 * (Not an async generator: those would await the yielded futures and yield their results.)
 */
export function asCompleted<T>(futures: Iterable<Future<T>>, options?: { readonly timeout?: number }): AsyncIterableIterator<Future<T>> {
  validateOptions('asCompleted()', options, { timeout: { type: 'number', min: 0, optional: true, infinite: true } });
  const list = checkFutures('asCompleted()', futures);
  const timeout = options?.timeout;
  const deadline = deadlineOf(timeout); // the monotonic clock: a wall-clock jump neither ends nor extends it
  const completed: Future<T>[] = [];
  let wake: (() => void) | undefined;
  let yielded = 0;
  for (const f of list) {
    track(f, () => {
      completed.push(f);
      wake?.();
    });
  }
  const next = async (): Promise<IteratorResult<Future<T>, undefined>> => {
    while (yielded < list.length) {
      if (completed.length > 0) {
        yielded++;
        return { value: completed.shift()!, done: false };
      }
      const left = remainingUntil(deadline);
      if (left <= 0) {
        const missing = list.length - yielded;
        yielded = list.length;
        throw new TimeoutError(`asCompleted(): ${missing} of ${list.length} futures did not complete within ${timeout} ms`);
      }
      await new Promise<void>((resolve) => {
        const timer = deadline === Infinity ? undefined : setTimeout(resolve, left);
        wake = () => {
          if (timer !== undefined) clearTimeout(timer);
          wake = undefined;
          resolve();
        };
      });
    }
    return { value: undefined, done: true };
  };
  return {
    next,
    return: async () => {
      yielded = list.length;
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
