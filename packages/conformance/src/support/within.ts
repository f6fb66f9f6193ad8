import { PROMPT_MS } from './limits.js';

/** Resolves with `promise`, or fails naming `what` once the upper bound passes. */
export async function within<T>(promise: Promise<T>, what: string, ms = PROMPT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Negative check: true when `promise` has NOT settled within the observation window
 * (ABSENCE_WINDOW_MS in the callers). Used only to show that something does not happen.
 */
export async function staysPending(promise: Promise<unknown>, windowMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const window = new Promise<true>((resolve) => {
    timer = setTimeout(() => resolve(true), windowMs);
  });
  try {
    return await Promise.race([promise.then(() => false, () => false), window]);
  } finally {
    clearTimeout(timer);
  }
}
