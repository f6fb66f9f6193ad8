// weft's error family. Every error weft itself throws is a WeftError subclass with a fixed
// `name` and a stable `code`. Recognise them with `isWeftError(err, 'CODE')` rather than
// `instanceof` when an ESM and a CJS copy of the package may both be loaded.

export const ERROR_CODES = {
  WeftError: 'ERR_WEFT',
  WorkerCrashedError: 'ERR_WEFT_WORKER_CRASHED',
  TimeoutError: 'ERR_WEFT_TIMEOUT',
  CancelledError: 'ERR_WEFT_CANCELLED',
  AbortError: 'ERR_WEFT_ABORTED',
  ExecutorShutdownError: 'ERR_WEFT_EXECUTOR_SHUTDOWN',
  BrokenBarrierError: 'ERR_WEFT_BROKEN_BARRIER',
  QueueEmpty: 'ERR_WEFT_QUEUE_EMPTY',
  QueueFull: 'ERR_WEFT_QUEUE_FULL',
  QueueClosed: 'ERR_WEFT_QUEUE_CLOSED',
  SerializationError: 'ERR_WEFT_SERIALIZATION',
  LockNotOwnedError: 'ERR_WEFT_LOCK_NOT_OWNED',
  InvalidStateError: 'ERR_WEFT_INVALID_STATE',
  ClosureError: 'ERR_WEFT_CLOSURE',
  ResourceLimitError: 'ERR_WEFT_RESOURCE_LIMIT',
} as const;

export type WeftErrorName = keyof typeof ERROR_CODES;
export type WeftErrorCode = (typeof ERROR_CODES)[WeftErrorName];

export class WeftError extends Error {
  readonly code: WeftErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = ERROR_CODES[this.constructor.name as WeftErrorName] ?? ERROR_CODES.WeftError;
  }
  override get name(): string {
    return this.constructor.name;
  }
}

/** A worker exited or was killed while it ran a task. The pool replaces it and carries on. */
export class WorkerCrashedError extends WeftError {
  readonly exitCode: number | null;
  readonly signal: string | null;
  constructor(message: string, info: { exitCode?: number | null; signal?: string | null; cause?: unknown } = {}) {
    super(message, { cause: info.cause });
    this.exitCode = info.exitCode ?? null;
    this.signal = info.signal ?? null;
  }
}
/** A wait (result, exception, asCompleted, acquire with a timeout option...) ran out of time. */
export class TimeoutError extends WeftError {}
/** The future was cancelled before it ran, or its pool was shut down with cancelFutures. */
export class CancelledError extends WeftError {}
/** A wait was given up because its AbortSignal fired; `cause` is `signal.reason`. */
export class AbortError extends WeftError {}
/** submit/map on an executor after shutdown(). */
export class ExecutorShutdownError extends WeftError {}
/** A Barrier was aborted or reset, or its action threw, while parties waited. */
export class BrokenBarrierError extends WeftError {}
/** Queue.get timed out or getNowait found nothing. */
export class QueueEmpty extends WeftError {}
/** Queue.put timed out or putNowait found no room. */
export class QueueFull extends WeftError {}
/** The Queue was closed: no more puts; gets fail once it is drained. */
export class QueueClosed extends WeftError {}
/** A value could not be sent to or from a worker (a function, a symbol, a class instance...). */
export class SerializationError extends WeftError {}
/** release() of a Lock that is not locked, or of an RLock/Condition the caller does not own. */
export class LockNotOwnedError extends WeftError {}
/** An operation that the object's state does not allow (settling a future twice...). */
export class InvalidStateError extends WeftError {}
/** A plain function sent as source used a variable from its closure. */
export class ClosureError extends WeftError {}
/** A worker ran out of the memory its resourceLimits allowed. */
export class ResourceLimitError extends WeftError {}

export const WEFT_ERROR_CLASSES = {
  WeftError,
  WorkerCrashedError,
  TimeoutError,
  CancelledError,
  AbortError,
  ExecutorShutdownError,
  BrokenBarrierError,
  QueueEmpty,
  QueueFull,
  QueueClosed,
  SerializationError,
  LockNotOwnedError,
  InvalidStateError,
  ClosureError,
  ResourceLimitError,
} as const satisfies Record<WeftErrorName, new (message: string, ...rest: never[]) => WeftError>;

/** True when `err` is a weft error (optionally of one code), whichever copy of weft made it. */
export function isWeftError(err: unknown, code?: WeftErrorCode): err is WeftError {
  if (typeof err !== 'object' || err === null) return false;
  const c = (err as { code?: unknown }).code;
  if (typeof c !== 'string' || !c.startsWith('ERR_WEFT')) return false;
  return code === undefined || c === code;
}

/** The error a wait rejects with when its AbortSignal fires. */
export function abortErrorFor(signal: AbortSignal, what: string): AbortError {
  return new AbortError(`${what} was aborted by its AbortSignal`, { cause: signal.reason });
}
