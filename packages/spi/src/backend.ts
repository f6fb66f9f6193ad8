// What a backend implements: transport (start a worker, carry protocol messages, report its
// exit, terminate it) and the primitives. Core owns everything else: scheduling, futures,
// chunking, cancellation, encoding of arguments. See docs/spi.md.
import type { TransferListItem } from 'node:worker_threads';
import type { BackendName, FromWorker, ToWorker, WorkerBootData } from './protocol.js';
import type {
  BarrierHandle,
  ConditionHandle,
  EventHandle,
  PrimitiveDescriptor,
  PrimitiveHandle,
  QueueHandle,
  SemLockHandle,
  SemLockParams,
} from './sync-handles.js';

export interface ResourceLimits {
  /** heap cap in MiB (threads: resourceLimits.maxOldGenerationSizeMb; processes: --max-old-space-size) */
  readonly maxOldGenerationSizeMb?: number;
  readonly maxYoungGenerationSizeMb?: number;
  readonly stackSizeMb?: number;
}

export interface SpawnOptions {
  /** core's worker entry module (file URL) */
  readonly entry: URL;
  readonly boot: WorkerBootData;
  readonly resourceLimits?: ResourceLimits | undefined;
}

export interface WorkerExit {
  /** exit code, or null when killed by a signal */
  readonly code: number | null;
  readonly signal: string | null;
  /** an uncaught error or spawn failure reported by the runtime, if any */
  readonly error?: Error | undefined;
  /** true when the exit was caused by exceeding resourceLimits */
  readonly resourceLimit?: boolean;
}

/** The parent's side of one spawned worker. */
export interface WorkerHandle {
  /** threadId (worker_threads) or pid (child_process); known as soon as spawn() returns */
  readonly ident: number;
  /** protocol messages to the worker; `transfer` is honoured where the backend can (threads) */
  post(message: ToWorker, transfer?: readonly TransferListItem[]): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** called exactly once, after the worker is gone and what it held of primitives was released */
  onExit(listener: (exit: WorkerExit) => void): void;
  /** stop it now (threads: terminate(); processes: SIGTERM, then SIGKILL after a grace period) */
  terminate(): Promise<void>;
  /**
   * Optional. Wait up to `ms`, awake, for the worker's next message, and if it comes give it to
   * the onMessage listeners before returning (true). For a caller about to wait for one answer
   * from this worker alone, when a wake-up through the event loop would cost more than the
   * wait (threads: the worker knocks on a doorbell after each message it posts).
   */
  awaitMessage?(ms: number): boolean;
  /** whether this worker keeps the parent's event loop alive */
  ref(): void;
  unref(): void;
}

/** The worker's side of the transport, as seen by core's worker runtime. */
export interface WorkerSide {
  readonly boot: WorkerBootData;
  post(message: FromWorker, transfer?: readonly TransferListItem[]): void;
  onMessage(listener: (message: ToWorker) => void): void;
  /**
   * Optional. The runtime says when it has nothing queued or running (`isIdle()` true); a
   * transport that can take the next message synchronously (threads: Atomics.wait on a
   * doorbell) may then wait for it briefly instead of returning to the event loop.
   */
  setIdleProbe?(isIdle: () => boolean): void;
}

export interface Backend {
  readonly name: BackendName;
  /** null when usable here, else why not (e.g. "SharedArrayBuffer is not available") */
  unavailableReason(): string | null;
  spawn(options: SpawnOptions): WorkerHandle;
  /** the transport of this process when it is a worker this backend spawned, else null */
  workerSide(): WorkerSide | null;
  /** this thread's/process's ident: threadId or pid */
  currentIdent(): number;

  createSemLock(params: SemLockParams): SemLockHandle;
  createEvent(): EventHandle;
  createCondition(lock: SemLockHandle): ConditionHandle;
  createBarrier(parties: number): BarrierHandle;
  createQueue(maxsize: number): QueueHandle;
  /** a working handle from a descriptor made by describe() in any thread/process of the tree */
  revive(descriptor: PrimitiveDescriptor): PrimitiveHandle;
}
