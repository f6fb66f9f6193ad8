// Who holds a Semaphore's units: a fixed table of (holderId, units) slots in the semaphore's
// shared memory, so the parent of a dead worker can give its units back.
//
// A slot counts the units a thread acquired minus those it released itself (never below 0):
// a release beyond that (a producer signalling a consumer, or handing back a unit another
// thread took) is nobody's, so it is not tracked. Only a holder claims, adds to, takes from
// and frees its own slots; the parent of a dead holder empties that holder's slots. When the
// table is full an acquire still succeeds but is not tracked, so those units are not given
// back if that thread dies.
//
// So a slot's count is written only by its holder while it lives (plain reads and writes,
// no atomic RMW on the hot path) and by the parent after the holder is dead (the thread's
// exit orders its last writes before the parent's scan). Claiming a free slot is a CAS, as
// several threads may race for it. A holder keeps its slot while it holds nothing, until
// some thread finds the table full (kSemTablePressureField); from then on slots are freed as
// soon as they are empty.
import { kSemSlotCount, kSemSlotCountOffset, kSemSlotHolderOffset, kSemSlotSize, kSemSlotsBase, kSemTablePressureField } from './layout.js';

function holderField(slot: number): number {
  return kSemSlotsBase + slot * kSemSlotSize + kSemSlotHolderOffset;
}
function countField(slot: number): number {
  return kSemSlotsBase + slot * kSemSlotSize + kSemSlotCountOffset;
}

export class HolderTable {
  readonly #i32: Int32Array;
  /**
   * The slot this handle used last, tried first so the common case costs one load (or one
   * CAS). Two handles on the same memory in one thread may each claim a slot for the same
   * holder; every method below therefore treats all slots of a holder as one.
   */
  #hint = 0;

  constructor(i32: Int32Array) {
    this.#i32 = i32;
  }

  /** Record `n` units taken by `holderId` (the calling thread). */
  add(holderId: number, n: number): void {
    const i32 = this.#i32;
    let slot = this.#hint;
    const holder = i32[holderField(slot)];
    if (holder !== holderId && !(holder === 0 && Atomics.compareExchange(i32, holderField(slot), 0, holderId) === 0)) {
      slot = this.#findOrClaim(holderId);
      if (slot < 0) return; // table full: untracked (see above)
      this.#hint = slot;
    }
    i32[countField(slot)] = (i32[countField(slot)] as number) + n;
  }

  #findOrClaim(holderId: number): number {
    const i32 = this.#i32;
    for (let slot = 0; slot < kSemSlotCount; slot++) {
      if (Atomics.load(i32, holderField(slot)) === holderId) return slot;
    }
    for (let slot = 0; slot < kSemSlotCount; slot++) {
      if (Atomics.compareExchange(i32, holderField(slot), 0, holderId) === 0) return slot;
    }
    // Full: ask holders to give up their empty slots from now on (this acquire is untracked).
    Atomics.store(i32, kSemTablePressureField, 1);
    return -1;
  }

  /** Record `n` units given back by `holderId` (the calling thread): only its own count. */
  remove(holderId: number, n: number): void {
    const i32 = this.#i32;
    const hint = this.#hint;
    let left = n;
    if (i32[holderField(hint)] === holderId) left -= this.#takeOwn(hint, left);
    for (let slot = 0; left > 0 && slot < kSemSlotCount; slot++) {
      if (slot !== hint && Atomics.load(i32, holderField(slot)) === holderId) left -= this.#takeOwn(slot, left);
    }
  }

  #takeOwn(slot: number, n: number): number {
    const i32 = this.#i32;
    const held = i32[countField(slot)] as number;
    const taken = Math.min(held, n);
    i32[countField(slot)] = held - taken;
    // Free the slot for other threads once we hold nothing in it, if anyone needs one.
    if (held === taken && i32[kSemTablePressureField] === 1) Atomics.store(i32, holderField(slot), 0);
    return taken;
  }

  /** Units `holderId` holds. */
  heldBy(holderId: number): number {
    const i32 = this.#i32;
    let units = 0;
    for (let slot = 0; slot < kSemSlotCount; slot++) {
      if (Atomics.load(i32, holderField(slot)) === holderId) units += Atomics.load(i32, countField(slot));
    }
    return units;
  }

  /** Empty every slot of a dead holder; returns the units it held. */
  releaseDead(holderId: number): number {
    const i32 = this.#i32;
    let units = 0;
    for (let slot = 0; slot < kSemSlotCount; slot++) {
      if (Atomics.load(i32, holderField(slot)) !== holderId) continue;
      units += Atomics.exchange(i32, countField(slot), 0);
      Atomics.compareExchange(i32, holderField(slot), holderId, 0);
    }
    return units;
  }
}
