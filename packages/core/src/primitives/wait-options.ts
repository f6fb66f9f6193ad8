import { WAIT_OPTIONS, validateOptions, type WaitOptions } from '@weft/spi';

export type { WaitOptions };

/** No options: wait forever. Shared (and frozen) so the hot paths allocate nothing for it. */
export const NO_WAIT_OPTIONS: WaitOptions = Object.freeze({});

/** Validate `{ timeout?, signal? }` for `where`; returns a promise rejection on bad input. */
export function checkWait(where: string, options: WaitOptions | undefined): WaitOptions {
  validateOptions(where, options, WAIT_OPTIONS);
  return options ?? NO_WAIT_OPTIONS;
}

/** Run `fn` (which validates synchronously) and turn a throw into a rejected promise. */
export function rejecting<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (err) {
    return Promise.reject(err);
  }
}
