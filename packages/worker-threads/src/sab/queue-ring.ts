// The bytes of a Queue: a ring of [u32 length][encoded item] records in a growable
// SharedArrayBuffer. Items live in shared memory, so an item put by a worker that then dies
// is still there. All methods run under the queue's internal mutex; each ends in exactly one
// commitState() (see queue-state.ts), so a thread killed midway changes nothing.
import { QueueFull } from '@weft/spi';
import { kQueueItemHeaderBytes, kQueueMaxBytes } from './layout.js';
import { commitState, readState, type RingState } from './queue-state.js';
import { ScratchBytes } from './scratch-bytes.js';

/** shift() copies a record out of shared memory into this (decode it before the next shift). */
const shiftScratch = new ScratchBytes();

export class QueueRing {
  readonly #ctl: Int32Array;
  readonly #data: SharedArrayBuffer;
  /** length-tracking view: sees growth done by any thread */
  readonly #u8: Uint8Array;
  readonly #header = new Uint8Array(kQueueItemHeaderBytes);
  readonly #headerView = new DataView(this.#header.buffer);

  constructor(ctl: Int32Array, data: SharedArrayBuffer) {
    this.#ctl = ctl;
    this.#data = data;
    this.#u8 = new Uint8Array(data);
  }

  /** Append one record; returns the committed state. */
  push(bytes: Uint8Array): RingState {
    let state = readState(this.#ctl);
    const need = kQueueItemHeaderBytes + bytes.length;
    if (state.capacity - state.used < need) state = this.#grow(state, state.used + need);
    const tail = (state.head + state.used) % state.capacity;
    this.#headerView.setUint32(0, bytes.length, true);
    this.#writeAt(tail, this.#header, state.capacity);
    this.#writeAt((tail + kQueueItemHeaderBytes) % state.capacity, bytes, state.capacity);
    const next = { ...state, used: state.used + need, count: state.count + 1, unfinished: state.unfinished + 1 };
    commitState(this.#ctl, next);
    return next;
  }

  /**
   * Remove the oldest record; undefined when empty. The bytes are a view into a per-thread
   * scratch buffer, valid until the next shift() in this thread.
   */
  shift(): Uint8Array | undefined {
    const state = readState(this.#ctl);
    if (state.count === 0) return undefined;
    this.#readAt(state.head, this.#header, state.capacity);
    const length = this.#headerView.getUint32(0, true);
    const bytes = shiftScratch.get(length).subarray(0, length);
    this.#readAt((state.head + kQueueItemHeaderBytes) % state.capacity, bytes, state.capacity);
    const used = state.used - kQueueItemHeaderBytes - length;
    // An empty ring starts again at 0, so most records never wrap.
    const head = used === 0 ? 0 : (state.head + kQueueItemHeaderBytes + length) % state.capacity;
    commitState(this.#ctl, { ...state, head, used, count: state.count - 1 });
    return bytes;
  }

  /** taskDone(): one fewer unfinished item; returns how many remain, or -1 if none were. */
  finishTask(): number {
    const state = readState(this.#ctl);
    if (state.unfinished === 0) return -1;
    commitState(this.#ctl, { ...state, unfinished: state.unfinished - 1 });
    return state.unfinished - 1;
  }

  count(): number {
    return readState(this.#ctl).count;
  }

  /**
   * Make room for `needed` bytes: grow the buffer, then copy the wrapped-around part of the
   * ring to just past the old end so the records are contiguous again. The old bytes are left
   * in place, so the old (still committed) state stays valid until the caller commits.
   */
  #grow(state: RingState, needed: number): RingState {
    let capacity = state.capacity;
    while (capacity < needed) capacity *= 2;
    if (capacity > kQueueMaxBytes) {
      throw new QueueFull(
        `Queue.put(): the queue's shared storage would exceed ${kQueueMaxBytes} bytes; consume items or put smaller ones`,
      );
    }
    if (this.#data.byteLength < capacity) this.#data.grow(capacity);
    const end = state.head + state.used;
    if (end > state.capacity) this.#u8.copyWithin(state.capacity, 0, end - state.capacity);
    return { ...state, capacity };
  }

  #writeAt(offset: number, src: Uint8Array, capacity: number): void {
    const first = Math.min(src.length, capacity - offset);
    this.#u8.set(src.subarray(0, first), offset);
    if (first < src.length) this.#u8.set(src.subarray(first), 0);
  }

  #readAt(offset: number, dst: Uint8Array, capacity: number): void {
    const first = Math.min(dst.length, capacity - offset);
    dst.set(this.#u8.subarray(offset, offset + first), 0);
    if (first < dst.length) dst.set(this.#u8.subarray(0, dst.length - first), first);
  }
}
