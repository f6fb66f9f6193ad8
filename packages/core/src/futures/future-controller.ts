// The executor-only face of Future: start, settle, and hook cancellation.
import type { Future } from './future.js';
import { kMarkRunning, kSetCancelHook, kSetException, kSetResult } from '../internal/symbols.js';

export const markRunning = (f: Future<unknown>): boolean => f[kMarkRunning]();
export const setResult = <T>(f: Future<T>, value: T): void => f[kSetResult](value);
export const setException = (f: Future<unknown>, error: unknown): void => f[kSetException](error);
/** `hook` runs on cancel() while pending; returning false refuses the cancellation. */
export const setCancelHook = (f: Future<unknown>, hook: () => boolean): void => f[kSetCancelHook](hook);
