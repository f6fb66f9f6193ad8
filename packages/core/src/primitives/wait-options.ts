import { WAIT_OPTIONS, validateOptions, type WaitOptions } from '@weft/spi';

export type { WaitOptions };

/** No options: wait forever. Shared (and frozen) so the hot paths allocate nothing for it. */
const NO_WAIT_OPTIONS: WaitOptions = Object.freeze({});

/**
 * Validate `{ timeout?, signal? }` given to `owner.method()`. The usual call passes none: then
 * nothing is checked and no name is built (acquire, put and get are hot paths).
 */
export function checkWait(owner: string, method: string, options: WaitOptions | undefined): WaitOptions {
  if (options === undefined) return NO_WAIT_OPTIONS;
  validateOptions(`${owner}.${method}()`, options, WAIT_OPTIONS);
  return options;
}

/** Run `fn` (which validates synchronously) and turn a throw into a rejected promise. */
export function rejecting<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (err) {
    return Promise.reject(err);
  }
}
