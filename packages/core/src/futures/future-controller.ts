// The executor-only face of Future: start, settle, and hook cancellation.
import type { CancelledError } from '@weft/spi';
import type { CancelHook, Future } from './future.js';
import { kCancel, kMarkRunning, kSetCancelHook, kSetException, kSetResult } from '../internal/symbols.js';

export const markRunning = (f: Future<unknown>): boolean => f[kMarkRunning]();
export const setResult = <T>(f: Future<T>, value: T): void => f[kSetResult](value);
export const setException = (f: Future<unknown>, error: unknown): void => f[kSetException](error);
/** cancel() that rejects with `error` instead of a plain CancelledError (same rules: false once running). */
export const cancelWith = (f: Future<unknown>, error: CancelledError): boolean => f[kCancel](error);
/** `hook.tryCancel()` runs on cancel() while pending; returning false refuses the cancellation. */
export const setCancelHook = (f: Future<unknown>, hook: CancelHook): void => f[kSetCancelHook](hook);
