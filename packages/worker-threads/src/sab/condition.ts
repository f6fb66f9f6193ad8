// Condition: a table of waiter slots in a growable SharedArrayBuffer; each waiter sleeps on
// its own slot, so notify(n) wakes exactly the n oldest waiters (FIFO by ticket) and a waiter
// that timed out or was aborted leaves nothing behind to absorb a later notify.
//
//   waiter (holds lock): claim slot {ticket, holder}, state=Waiting ─▶ release lock fully
//                        ─▶ waitAsync(slot.state) ─▶ re-acquire lock (always) ─▶ free slot
//   notifier (holds lock): pick the n lowest tickets in state Waiting ─CAS→ Notified
//                          ─▶ Atomics.notify(slot.state, 1)
//
// Slot state moves by CAS only, so a waiter giving up (Waiting→Free) and a notifier
// (Waiting→Notified) cannot both win: a waiter that loses knows it was notified.
import { LockNotOwnedError, abortErrorFor, deadlineOf, holdProcessAlive, remainingUntil, type ConditionHandle, type WaitOptions } from '@weft/spi';
import { trackForDeadHolders, type ReleasesDeadHolders } from '../dead-holder-registry.js';
import { kSelfHolderId } from '../ident.js';
import { kBackendName, type ConditionDescriptor } from './descriptors.js';
import {
  kCondInitialSlots,
  kCondMaxSlots,
  kCondSlotClaiming,
  kCondSlotFree,
  kCondSlotHolderOffset,
  kCondSlotNotified,
  kCondSlotSize,
  kCondSlotStateOffset,
  kCondSlotTicketOffset,
  kCondSlotWaiting,
  kCondSlotsBase,
  kCondTicketField,
} from './layout.js';
import { SabMutexLock } from './mutex-lock.js';
import { sleepOn } from './wait.js';

const kBytesPerSlot = kCondSlotSize * Int32Array.BYTES_PER_ELEMENT;
const kHeaderBytes = kCondSlotsBase * Int32Array.BYTES_PER_ELEMENT;

function stateField(slot: number): number {
  return kCondSlotsBase + slot * kCondSlotSize + kCondSlotStateOffset;
}
function ticketField(slot: number): number {
  return kCondSlotsBase + slot * kCondSlotSize + kCondSlotTicketOffset;
}
function holderField(slot: number): number {
  return kCondSlotsBase + slot * kCondSlotSize + kCondSlotHolderOffset;
}

export class SabCondition implements ConditionHandle, ReleasesDeadHolders {
  readonly lock: SabMutexLock;
  readonly #buffer: SharedArrayBuffer;
  /** length-tracking: sees slots another thread added by growing the buffer */
  readonly #i32: Int32Array;

  private constructor(buffer: SharedArrayBuffer, lock: SabMutexLock) {
    this.lock = lock;
    this.#buffer = buffer;
    this.#i32 = new Int32Array(buffer);
    trackForDeadHolders(this);
  }

  static create(lock: SabMutexLock): SabCondition {
    const buffer = new SharedArrayBuffer(kHeaderBytes + kCondInitialSlots * kBytesPerSlot, {
      maxByteLength: kHeaderBytes + kCondMaxSlots * kBytesPerSlot,
    });
    return new SabCondition(buffer, lock);
  }

  static revive(descriptor: ConditionDescriptor, lock: SabMutexLock): SabCondition {
    return new SabCondition(descriptor.buffer, lock);
  }

  describe(): ConditionDescriptor {
    return { backend: kBackendName, type: 'condition', buffer: this.#buffer, lock: this.lock.describe() };
  }

  #slotCount(): number {
    return (this.#buffer.byteLength - kHeaderBytes) / kBytesPerSlot;
  }

  #requireOwner(what: string): void {
    if (this.lock.heldByMe() === 0) {
      throw new LockNotOwnedError(`Condition.${what}: the calling worker does not hold the condition's lock; acquire() it first`);
    }
  }

  /** Claim a free slot (the caller holds the lock, so no other waiter claims concurrently). */
  #claimSlot(): number {
    const i32 = this.#i32;
    for (;;) {
      const count = this.#slotCount();
      for (let slot = 0; slot < count; slot++) {
        if (Atomics.compareExchange(i32, stateField(slot), kCondSlotFree, kCondSlotClaiming) === kCondSlotFree) {
          Atomics.store(i32, holderField(slot), kSelfHolderId);
          Atomics.store(i32, ticketField(slot), Atomics.add(i32, kCondTicketField, 1));
          Atomics.store(i32, stateField(slot), kCondSlotWaiting);
          return slot;
        }
      }
      if (count >= kCondMaxSlots) {
        throw new RangeError(`Condition.wait(): more than ${kCondMaxSlots} workers are already waiting on this condition`);
      }
      this.#buffer.grow(kHeaderBytes + Math.min(kCondMaxSlots, count * 2) * kBytesPerSlot);
    }
  }

  #freeSlot(slot: number): void {
    Atomics.store(this.#i32, holderField(slot), 0);
    Atomics.store(this.#i32, stateField(slot), kCondSlotFree);
  }

  wait(options: WaitOptions): Promise<boolean> {
    const signal = options.signal;
    try {
      this.#requireOwner('wait()');
      if (signal !== undefined && signal.aborted) throw abortErrorFor(signal, 'Condition.wait()');
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#waitSlow(options.timeout, signal);
  }

  async #waitSlow(timeout: number | undefined, signal: AbortSignal | undefined): Promise<boolean> {
    const i32 = this.#i32;
    const deadline = deadlineOf(timeout);
    const slot = this.#claimSlot();
    const field = stateField(slot);
    const depth = this.lock.releaseForConditionWait();
    const releaseKeepAlive = holdProcessAlive();
    let notified = false;
    let aborted = false;
    let slotIsOurs = true;
    try {
      for (;;) {
        if (Atomics.load(i32, field) === kCondSlotNotified) {
          notified = true;
          break;
        }
        if (signal?.aborted) {
          aborted = true;
          break;
        }
        const left = remainingUntil(deadline);
        if (left <= 0) break;
        // Our own word: waking all sleepers on it on abort wakes only us.
        await sleepOn(i32, field, kCondSlotWaiting, left, signal);
      }
      if (!notified) {
        // A free slot has no holder; clear it first so releaseHeldBy never frees a slot
        // that someone else has claimed since.
        Atomics.store(i32, holderField(slot), 0);
        // Give up unless a notify got there first, in which case we count as notified.
        notified = Atomics.compareExchange(i32, field, kCondSlotWaiting, kCondSlotFree) !== kCondSlotWaiting;
        slotIsOurs = notified;
        // Aborted after being picked by notify(): pass that notification on to the next waiter.
        if (notified && aborted) this.#notifyOldest(1);
      }
    } finally {
      releaseKeepAlive();
      await this.lock.reacquireAfterConditionWait(depth);
      if (slotIsOurs) this.#freeSlot(slot);
    }
    if (aborted) throw abortErrorFor(signal as AbortSignal, 'Condition.wait()');
    return notified;
  }

  notify(n = 1): void {
    this.#requireOwner('notify()');
    this.#notifyOldest(n);
  }

  notifyAll(): void {
    this.#requireOwner('notifyAll()');
    this.#notifyOldest(Infinity);
  }

  /** Move up to n Waiting slots, oldest ticket first, to Notified and wake each. */
  #notifyOldest(n: number): void {
    const i32 = this.#i32;
    const waiting: number[] = [];
    const count = this.#slotCount();
    for (let slot = 0; slot < count; slot++) {
      if (Atomics.load(i32, stateField(slot)) === kCondSlotWaiting) waiting.push(slot);
    }
    if (waiting.length > n) {
      // Tickets wrap at 2^31: compare by difference, not by value.
      waiting.sort((a, b) => (Atomics.load(i32, ticketField(a)) - Atomics.load(i32, ticketField(b))) | 0);
    }
    let woken = 0;
    for (const slot of waiting) {
      if (woken >= n) break;
      if (Atomics.compareExchange(i32, stateField(slot), kCondSlotWaiting, kCondSlotNotified) === kCondSlotWaiting) {
        Atomics.notify(i32, stateField(slot), 1);
        woken++;
      }
    }
  }

  releaseHeldBy(holderId: number): void {
    const i32 = this.#i32;
    const count = this.#slotCount();
    let passOn = 0;
    for (let slot = 0; slot < count; slot++) {
      if (Atomics.load(i32, holderField(slot)) !== holderId) continue;
      const state = Atomics.exchange(i32, stateField(slot), kCondSlotClaiming);
      if (state === kCondSlotNotified) passOn++;
      this.#freeSlot(slot);
    }
    // A notification the dead waiter never consumed goes to the next waiter instead.
    if (passOn > 0) this.#notifyOldest(passOn);
  }
}
