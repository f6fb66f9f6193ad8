export type { Backend, ResourceLimits, SpawnOptions, WorkerExit, WorkerHandle, WorkerSide } from './backend.js';
export { BARRIER_BROKEN, barrierTimedOut, brokenBarrierError } from './barrier-broken.js';
export {
  AbortError,
  BrokenBarrierError,
  CancelledError,
  ClosureError,
  ERROR_CODES,
  ExecutorShutdownError,
  InvalidStateError,
  LockNotOwnedError,
  QueueClosed,
  QueueEmpty,
  QueueFull,
  ResourceLimitError,
  SerializationError,
  TimeoutError,
  WEFT_ERROR_CLASSES,
  WeftError,
  WorkerCrashedError,
  abortErrorFor,
  isWeftError,
} from './errors.js';
export type { WeftErrorCode, WeftErrorName } from './errors.js';
export { BACKEND_NAMES, PROTOCOL_TAG, PROTOCOL_VERSION } from './protocol.js';
export { COMPACT_PREFIX, SLOW_TASK_MS, compactKnown, compactOrSame, compactProtocolMessage, isCompactProtocolFrame } from './compact-protocol.js';
export { hasOnlyKnownFields } from './known-fields.js';
export type { RunOrResults } from './known-fields.js';
export { FrameReader } from './frame-reader.js';
export { SEP, intField, scalarToken } from './scalar-tokens.js';
export type { BackendName, FnRef, FromWorker, TaskMessage, TaskResult, ToWorker, WorkerBootData } from './protocol.js';
export { deserializeError, isSerializedError, serializeError } from './serialize-error.js';
export type { SerializedError } from './serialize-error.js';
export { builtin } from "./builtin.js";
export { deadlineOf, nowMs, remainingUntil } from './clock.js';
export { compileCacheEnv } from "./compile-cache.js";
export { holdProcessAlive } from "./keep-alive.js";
export { StayAwakePolicy } from './stay-awake.js';
export { ENCODED_PRIMITIVE_KEY, kPrimitive, kTaskRef, kTransfer } from './symbols.js';
export type {
  BarrierHandle,
  ConditionHandle,
  EventHandle,
  PrimitiveDescriptor,
  PrimitiveHandle,
  QueueHandle,
  SemLockHandle,
  SemLockKind,
  SemLockParams,
  WaitOptions,
} from './sync-handles.js';
export { WAIT_OPTIONS, checkValue, describeValue, validateOptions } from './validate.js';
export type { Check } from './validate.js';
