// The executor-only face of Future: start, settle, and hook cancellation.
import type { CancelledError } from '@weft/spi';
import type { Future, FutureHooks } from './future.js';
import { kCancel, kMarkRunning, kSetHooks, kSetException, kSetResult } from '../internal/symbols.js';

export const markRunning = (f: Future<unknown>): boolean => f[kMarkRunning]();
export const setResult = <T>(f: Future<T>, value: T): void => f[kSetResult](value);
export const setException = (f: Future<unknown>, error: unknown): void => f[kSetException](error);
/** cancel() that rejects with `error` instead of a plain CancelledError (same rules: false once running). */
export const cancelWith = (f: Future<unknown>, error: CancelledError): boolean => f[kCancel](error);
/** Ask `hooks` while `f` is not done: tryCancel() on cancel() (false refuses), awaiting() on then(). */
export const setHooks = (f: Future<unknown>, hooks: FutureHooks): void => f[kSetHooks](hooks);
