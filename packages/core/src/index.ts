// @weft/core: the one package users import.
export { getBackend } from './internal/get-backend.js';

export { task } from './functions/task-registry.js';
export type { TaskOptions } from './functions/task-registry.js';
export type { Callable, ModuleRef } from './functions/fn-ref.js';
export { transfer } from './codec/transfer.js';

export { Future } from './futures/future.js';
export type { DoneCallback, ResultOptions } from './futures/future.js';
export { asCompleted, wait } from './futures/wait.js';
export type { DoneAndNotDone, ReturnWhen, WaitOptions as FutureWaitOptions } from './futures/wait.js';

export { WorkerPoolExecutor } from './executor/worker-pool-executor.js';
export type { ShutdownOptions, SubmitOptions } from './executor/worker-pool-executor.js';
export type { WorkerPoolExecutorOptions } from './executor/options.js';
export { MapResult } from './executor/map-run.js';
export type { MapOptions } from './executor/map-run.js';
export { taskFailure } from './executor/task-failure.js';
export type { TaskFailure } from './executor/task-failure.js';
export type { PoolStats } from './pool/pool.js';
export type { Summary } from './pool/histogram.js';
export { taskSignal } from './worker-runtime/task-context.js';

export { gmap, pmap } from './parallel/pmap.js';
export type { MapFn, PmapOptions, ProgressCallback } from './parallel/pmap-options.js';
export { defaultPool } from './parallel/default-pool.js';
export { WorkerPool } from './parallel/worker-pool.js';
export type { ApplyAsyncOptions, ApplyOptions, PoolMapOptions, WorkerPoolOptions } from './parallel/worker-pool.js';

export { Worker } from './workers/worker.js';
export type { WorkerEvents, WorkerOptions } from './workers/worker.js';
export { activeChildren, cpuCount, currentWorker, enumerate, getIdent, isMainWorker } from './workers/current-worker.js';
export type { WorkerInfo } from './workers/current-worker.js';

export { Lock } from './primitives/lock.js';
export { RLock } from './primitives/rlock.js';
export { BoundedSemaphore, Semaphore } from './primitives/semaphore.js';
export { Event } from './primitives/event.js';
export { Condition } from './primitives/condition.js';
export { Barrier } from './primitives/barrier.js';
export type { BarrierOptions } from './primitives/barrier.js';
export { Queue, SimpleQueue } from './primitives/queue.js';
export type { WaitOptions } from '@weft/spi';

export {
  AbortError,
  BrokenBarrierError,
  CancelledError,
  ClosureError,
  ExecutorShutdownError,
  InvalidStateError,
  LockNotOwnedError,
  QueueClosed,
  QueueEmpty,
  QueueFull,
  ResourceLimitError,
  SerializationError,
  TimeoutError,
  WeftError,
  WorkerCrashedError,
  isWeftError,
} from '@weft/spi';
export type { BackendName, ResourceLimits, WeftErrorCode } from '@weft/spi';
