// The Queue's ring bookkeeping, committed atomically even if the writing thread dies:
// there are two state blocks; a critical section reads the active one, writes the new state
// into the other and then flips kQueueActiveField with one store. A thread killed before the
// flip leaves the last committed state, whole. Readers hold the queue's internal mutex.
import {
  kQueueActiveField,
  kQueueCapacityOffset,
  kQueueCountMirrorField,
  kQueueCountOffset,
  kQueueHeadOffset,
  kQueueStateBase,
  kQueueStateSize,
  kQueueUnfinishedMirrorField,
  kQueueUnfinishedOffset,
  kQueueUsedOffset,
} from './layout.js';

export interface RingState {
  /** bytes of the ring in use (the data buffer may be longer after a grower died) */
  readonly capacity: number;
  /** offset of the oldest item's length prefix */
  readonly head: number;
  /** bytes occupied, prefixes included */
  readonly used: number;
  /** items in the ring */
  readonly count: number;
  /** items put and not yet taskDone()'d */
  readonly unfinished: number;
}

function blockBase(active: number): number {
  return kQueueStateBase + active * kQueueStateSize;
}

export function readState(ctl: Int32Array): RingState {
  const base = blockBase(Atomics.load(ctl, kQueueActiveField));
  return {
    capacity: Atomics.load(ctl, base + kQueueCapacityOffset),
    head: Atomics.load(ctl, base + kQueueHeadOffset),
    used: Atomics.load(ctl, base + kQueueUsedOffset),
    count: Atomics.load(ctl, base + kQueueCountOffset),
    unfinished: Atomics.load(ctl, base + kQueueUnfinishedOffset),
  };
}

/** Write `state` into the inactive block, flip, then refresh the lock-free mirrors. */
export function commitState(ctl: Int32Array, state: RingState): void {
  const next = 1 - Atomics.load(ctl, kQueueActiveField);
  const base = blockBase(next);
  Atomics.store(ctl, base + kQueueCapacityOffset, state.capacity);
  Atomics.store(ctl, base + kQueueHeadOffset, state.head);
  Atomics.store(ctl, base + kQueueUsedOffset, state.used);
  Atomics.store(ctl, base + kQueueCountOffset, state.count);
  Atomics.store(ctl, base + kQueueUnfinishedOffset, state.unfinished);
  Atomics.store(ctl, kQueueActiveField, next);
  publishMirrors(ctl, state);
}

/** qsize() and join() read these without the mutex; recovery rebuilds them from the state. */
export function publishMirrors(ctl: Int32Array, state: RingState): void {
  Atomics.store(ctl, kQueueCountMirrorField, state.count);
  Atomics.store(ctl, kQueueUnfinishedMirrorField, state.unfinished);
}

/** Initial state of a new queue (block 0 active). */
export function initState(ctl: Int32Array, capacity: number): void {
  Atomics.store(ctl, blockBase(0) + kQueueCapacityOffset, capacity);
  Atomics.store(ctl, kQueueActiveField, 0);
}
