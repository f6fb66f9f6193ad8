// The primitive handles a backend implements. Core wraps each in its public class
// (validation, option parsing, runExclusive, waitFor, async iteration); the semantics here
// are the whole behaviour of API.md's table, so the conformance suite tests them through core.
//
// Rules every handle follows:
// - `timeout` is in milliseconds; undefined means wait forever; 0 means "try once".
//   Core validates options before calling, so a handle may trust them.
// - A wait whose `signal` fires rejects with `abortErrorFor(signal, ...)` and leaves no
//   trace (no unit taken, no waiter left registered).
// - A wait never blocks an event loop, and a pending wait keeps its process alive.
// - Synchronous queries are exact where the state lives; elsewhere a recent snapshot.
// - `describe()` returns a descriptor that, sent to a worker and passed to that backend's
//   `revive()`, gives a handle on the same state.

export interface WaitOptions {
  readonly timeout?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

export type SemLockKind = 'lock' | 'rlock' | 'semaphore';

export interface SemLockParams {
  readonly kind: SemLockKind;
  /** initial count (1 for locks) */
  readonly value: number;
  /** highest count release() may reach; Infinity for a plain Semaphore */
  readonly max: number;
}

/** A descriptor is cloneable data only the backend that made it understands. */
export interface PrimitiveDescriptor {
  readonly backend: string;
  readonly type: 'semlock' | 'event' | 'condition' | 'barrier' | 'queue';
  readonly [key: string]: unknown;
}

interface HandleBase {
  describe(): PrimitiveDescriptor;
}

/**
 * Lock, RLock, Semaphore and BoundedSemaphore. Ownership: a holder is the worker (thread or
 * process, by ident). Units held by a worker that dies are given back by the backend.
 * - lock: release() when not locked → LockNotOwnedError. Any worker may release (as Python).
 * - rlock: re-entrant for the owning worker; release by a non-owner → LockNotOwnedError.
 * - semaphore: release(n) adds n; above `max` → RangeError (BoundedSemaphore), nothing changed.
 */
export interface SemLockHandle extends HandleBase {
  readonly kind: SemLockKind;
  acquire(options: WaitOptions): Promise<boolean>;
  tryAcquire(): boolean;
  release(n: number): void;
  /** current count: for locks 1 = free, 0 = held */
  value(): number;
  /** rlock: recursion depth held by the calling worker (0 if it does not own it); lock: 1 if held by the caller */
  heldByMe(): number;
}

export interface EventHandle extends HandleBase {
  set(): void;
  clear(): void;
  isSet(): boolean;
  wait(options: WaitOptions): Promise<boolean>;
}

/**
 * Condition over a SemLockHandle of kind 'lock' or 'rlock' (made by the same backend).
 * wait/notify require the caller to hold the lock (LockNotOwnedError otherwise). wait
 * releases the lock fully (an rlock's whole depth), waits, and re-acquires it before it
 * resolves — also on timeout (resolves false) and abort (rejects).
 */
export interface ConditionHandle extends HandleBase {
  readonly lock: SemLockHandle;
  wait(options: WaitOptions): Promise<boolean>;
  notify(n: number): void;
  notifyAll(): void;
}

/**
 * Barrier. wait resolves with the arrival index (0 .. parties-1, distinct per party).
 * When the last party arrives and `action` is given, the backend runs it once in that
 * party before releasing the others; if it throws, the barrier breaks and every waiter
 * rejects with BrokenBarrierError. A wait that times out or is aborted breaks the barrier
 * (as Python's). reset() breaks current waiters and makes it usable again.
 */
export interface BarrierHandle extends HandleBase {
  readonly parties: number;
  wait(options: WaitOptions, action?: () => unknown): Promise<number>;
  reset(): void;
  abort(): void;
  nWaiting(): number;
  broken(): boolean;
}

/**
 * Queue of already-encoded items (core encodes/decodes). maxsize 0 = unbounded.
 * put on a closed queue → QueueClosed; put timing out → QueueFull; get timing out →
 * QueueEmpty; get on a closed, drained queue → QueueClosed (waiting getters wake with it).
 * Items put by a worker that then dies stay in the queue.
 */
export interface QueueHandle extends HandleBase {
  readonly maxsize: number;
  put(item: unknown, options: WaitOptions): Promise<void>;
  putNowait(item: unknown): void;
  get(options: WaitOptions): Promise<unknown>;
  getNowait(): unknown;
  qsize(): number;
  closed(): boolean;
  close(): void;
  taskDone(): void;
  join(options: WaitOptions): Promise<boolean>;
}

export type PrimitiveHandle = SemLockHandle | EventHandle | ConditionHandle | BarrierHandle | QueueHandle;
