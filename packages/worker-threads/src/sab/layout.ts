// Offsets (in Int32 elements) of every field the shared-memory primitives keep. One block
// per primitive; each primitive owns its own SharedArrayBuffer(s). Sizes are in elements.

// ── SemLock (Lock, RLock, Semaphore, BoundedSemaphore) ──────────────────────────────────
/** lock/rlock: 0 free, else holderId*2 | kContendedBit; semaphore: the count */
export const kSemStateField = 0;
/** rlock: recursion depth, written only by the owner (and by the parent after its death) */
export const kSemDepthField = 1;
/** semaphore: acquirers currently asleep, so release() skips notify when there are none */
export const kSemWaitersField = 2;
/** semaphore: the initial value, the ceiling for giving back a dead holder's units */
export const kSemInitialField = 3;
/**
 * semaphore: 1 once some thread found the holder table full; from then on holders free their
 * slot whenever they hold nothing (before that they keep it, saving two atomic operations
 * per acquire/release pair)
 */
export const kSemTablePressureField = 4;
/** semaphore holder table: kSemSlotCount pairs of (holderId, units held) */
export const kSemSlotsBase = 8;
export const kSemSlotSize = 2;
export const kSemSlotHolderOffset = 0;
export const kSemSlotCountOffset = 1;
/**
 * Trade-off: 64 slots cost 512 bytes per semaphore. A thread that finds the table full still
 * acquires, but its units are not given back if it dies (documented in README).
 */
export const kSemSlotCount = 64;
export const kLockFieldCount = 4;
export const kSemaphoreFieldCount = kSemSlotsBase + kSemSlotCount * kSemSlotSize;

/** Low bit of an owner word: someone may be asleep waiting for it, so unlock must notify. */
export const kContendedBit = 1;

// ── Event ───────────────────────────────────────────────────────────────────────────────
/** 0 clear, 1 set */
export const kEventFlagField = 0;
export const kEventFieldCount = 1;

// ── Condition ───────────────────────────────────────────────────────────────────────────
/** next waiter ticket (FIFO order of notify) */
export const kCondTicketField = 0;
/** waiter slots start here; the buffer grows to hold more */
export const kCondSlotsBase = 4;
export const kCondSlotSize = 4;
/** kCondSlotFree | kCondSlotClaiming | kCondSlotWaiting | kCondSlotNotified; each waiter sleeps on its own */
export const kCondSlotStateOffset = 0;
export const kCondSlotTicketOffset = 1;
export const kCondSlotHolderOffset = 2;
export const kCondSlotFree = 0;
export const kCondSlotWaiting = 1;
export const kCondSlotNotified = 2;
export const kCondSlotClaiming = 3;
/** Trade-off: 8 slots to start keeps small conditions small; the table doubles on demand. */
export const kCondInitialSlots = 8;
/** Upper bound on simultaneous waiters of one Condition (reserves 256 KiB of address space). */
export const kCondMaxSlots = 16384;

// ── Barrier ─────────────────────────────────────────────────────────────────────────────
/** generation << kBarrierGenShift | arrivals in this generation */
export const kBarrierStateField = 0;
/** 0, or why the barrier broke (a kBarrierBroken* reason) until reset(); the first reason stays */
export const kBarrierBrokenField = 1;
/** the generation that last tripped normally, so waiters can tell a trip from a reset */
export const kBarrierTrippedGenField = 2;
/** holder id of the party running the action, 0 when none: its death must not strand the others */
export const kBarrierActionByField = 3;
/** the generation whose action that party runs (-1 before any), so a stale record is told apart */
export const kBarrierActionGenField = 4;
export const kBarrierFieldCount = 5;
export const kBarrierBrokenAborted = 1;
export const kBarrierBrokenTimedOut = 2;
export const kBarrierBrokenSignal = 3;
export const kBarrierBrokenActionThrew = 4;
export const kBarrierBrokenActionExited = 5;
export const kBarrierGenShift = 16;
export const kBarrierCountMask = 0xffff;
export const kBarrierGenMask = 0x7fff;
export const kBarrierMaxParties = kBarrierCountMask;

// ── Queue ───────────────────────────────────────────────────────────────────────────────
/** internal mutex around the ring (owner word like a Lock's) */
export const kQueueLockField = 0;
/** which of the two state blocks is committed (0 or 1) */
export const kQueueActiveField = 1;
/** 1 once close() was called */
export const kQueueClosedField = 2;
/** copies of count and unfinished for lock-free reads (qsize, join); rebuilt on recovery */
export const kQueueCountMirrorField = 3;
export const kQueueUnfinishedMirrorField = 4;
/** futex words: bumped on every put (getters sleep on it) and every get (putters sleep on it) */
export const kQueueGetSeqField = 5;
export const kQueuePutSeqField = 6;
/**
 * Two state blocks; a critical section writes the inactive one and commits by flipping
 * kQueueActiveField, so a thread that dies mid-operation leaves the last committed state.
 */
export const kQueueStateBase = 8;
export const kQueueStateSize = 5;
export const kQueueCapacityOffset = 0;
export const kQueueHeadOffset = 1;
export const kQueueUsedOffset = 2;
export const kQueueCountOffset = 3;
export const kQueueUnfinishedOffset = 4;
export const kQueueFieldCount = kQueueStateBase + 2 * kQueueStateSize;
/** bytes of the length prefix before each item */
export const kQueueItemHeaderBytes = 4;
/** Trade-off: 4 KiB to start (cheap for small queues); the ring doubles as needed. */
export const kQueueInitialBytes = 4096;
/**
 * Most bytes one queue's ring may hold. A growable SharedArrayBuffer reserves (but does not
 * commit) this much address space up front, so 1 GiB per queue is cheap on 64-bit.
 */
export const kQueueMaxBytes = 1024 * 1024 * 1024;

/** A fresh shared Int32 block of `fields` elements. */
export function newInt32Block(fields: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(fields * Int32Array.BYTES_PER_ELEMENT));
}
