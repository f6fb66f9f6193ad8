// One place for "race this promise against a timeout and an AbortSignal", with listener and
// timer cleanup whichever way it settles.
import { TimeoutError, abortErrorFor } from '@weft/spi';

export interface RaceOptions {
  readonly timeout?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Resolve with `promise`, or reject with TimeoutError(`timeoutMessage`) / AbortError. */
export function raceDeadline<T>(promise: Promise<T>, options: RaceOptions, what: string): Promise<T> {
  const { timeout, signal } = options;
  if (signal?.aborted) return Promise.reject(abortErrorFor(signal, what));
  if ((timeout === undefined || timeout === Infinity) && signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cleanup = () => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      cleanup();
      reject(abortErrorFor(signal!, what));
    };
    if (timeout !== undefined && timeout !== Infinity) {
      timer = setTimeout(() => {
        cleanup();
        reject(new TimeoutError(`${what} did not complete within ${timeout} ms`));
      }, timeout);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        cleanup();
        resolve(v);
      },
      (e: unknown) => {
        cleanup();
        reject(e);
      },
    );
  });
}
