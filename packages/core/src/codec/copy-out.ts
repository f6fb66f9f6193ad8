// Large binary data between threads: postMessage's structured clone copies a buffer twice
// (into the message, then out of it in the receiving thread, each into fresh pages). Copying
// it once here and transferring the copy gives the receiver the same thing — its own buffer,
// the sender's untouched — for one copy. Only for threads: a process gets bytes over a pipe.
//
//   args ──copyOut()──▶ same shape, each large ArrayBuffer (or view's buffer) replaced by a copy
//                       └─▶ transfer: [copies]
import type { TransferListItem } from 'node:worker_threads';

/** Below this a buffer is left to structured clone (copying + transferring costs more there). */
export const COPY_OUT_MIN_BYTES = 64 * 1024;

type TypedArrayConstructor = new (buffer: ArrayBuffer, byteOffset: number, length: number) => ArrayBufferView;

interface Walk {
  /** what the caller transfers itself: not copied */
  readonly keep: ReadonlySet<unknown>;
  /** original buffer → its copy, so views sharing a buffer still share one after the copy */
  readonly copies: Map<ArrayBuffer, ArrayBuffer>;
  /** views and containers already walked (shared references) → their result */
  readonly seen: Map<object, unknown>;
  /** containers being walked: meeting one again means a cycle */
  readonly active: Set<object>;
  cyclic: boolean;
}

/**
 * `value` with every large, plain, non-transferred ArrayBuffer inside arrays and plain objects
 * replaced by a copy, and the copies to transfer; `value` itself when there is nothing to copy.
 * `keep` lists what the caller already transfers.
 */
export function copyOut(value: unknown, keep: readonly TransferListItem[] | undefined): { value: unknown; transfer: ArrayBuffer[] } {
  const walk: Walk = { keep: new Set(keep), copies: new Map(), seen: new Map(), active: new Set(), cyclic: false };
  const out = visit(value, walk);
  // A back-reference met before its container was copied would point at the original: leave
  // cyclic values to structured clone, which keeps cycles exact.
  if (walk.cyclic) return { value, transfer: [] };
  return { value: out, transfer: [...walk.copies.values()] };
}

function visit(value: unknown, walk: Walk): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof ArrayBuffer) return copyOf(value, walk) ?? value;
  if (walk.seen.has(value)) {
    if (walk.active.has(value)) walk.cyclic = true;
    return walk.seen.get(value);
  }
  if (ArrayBuffer.isView(value)) {
    const view = viewOnCopy(value, walk) ?? value;
    walk.seen.set(value, view);
    return view;
  }
  if (Array.isArray(value)) return visitArray(value, walk);
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return visitObject(value as Record<string, unknown>, walk);
  return value; // Map, Set, Date, ...: cloned as they are
}

function visitArray(arr: unknown[], walk: Walk): unknown {
  walk.seen.set(arr, arr);
  walk.active.add(arr);
  let out: unknown[] | undefined;
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v !== 'object' || v === null) continue;
    const next = visit(v, walk);
    if (next !== v) {
      out ??= arr.slice();
      out[i] = next;
      walk.seen.set(arr, out);
    }
  }
  walk.active.delete(arr);
  return out ?? arr;
}

function visitObject(obj: Record<string, unknown>, walk: Walk): unknown {
  walk.seen.set(obj, obj);
  walk.active.add(obj);
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (typeof v !== 'object' || v === null) continue;
    const next = visit(v, walk);
    if (next !== v) {
      out ??= { ...obj };
      out[key] = next;
      walk.seen.set(obj, out);
    }
  }
  walk.active.delete(obj);
  return out ?? obj;
}

/** A copy of `buffer` to transfer, or undefined when it should travel as it is. */
function copyOf(buffer: ArrayBuffer, walk: Walk): ArrayBuffer | undefined {
  const done = walk.copies.get(buffer);
  if (done !== undefined) return done;
  // Small, detached (byteLength 0), resizable (a copy would not be) or transferred by the caller.
  if (buffer.byteLength < COPY_OUT_MIN_BYTES || (buffer as { resizable?: boolean }).resizable === true || walk.keep.has(buffer)) return undefined;
  const copy = buffer.slice(0);
  walk.copies.set(buffer, copy);
  return copy;
}

/** The same view over a copy of its whole buffer (structured clone also sends the whole buffer). */
function viewOnCopy(view: ArrayBufferView, walk: Walk): ArrayBufferView | undefined {
  if (!(view.buffer instanceof ArrayBuffer)) return undefined; // a SharedArrayBuffer is shared, not copied
  const copy = copyOf(view.buffer, walk);
  if (copy === undefined) return undefined;
  if (view instanceof DataView) return new DataView(copy, view.byteOffset, view.byteLength);
  // By its tag, so a Buffer arrives as the Uint8Array structured clone would make of it.
  const Ctor = (globalThis as unknown as Record<string, TypedArrayConstructor | undefined>)[(view as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag]];
  if (Ctor === undefined) return undefined;
  return new Ctor(copy, view.byteOffset, (view as unknown as { length: number }).length);
}
