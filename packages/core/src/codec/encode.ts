// Prepare values to cross to a worker: reject what cannot be cloned (before anything is
// sent, naming where it is), replace primitives and task functions by descriptors, and
// collect transfer lists. Copies only the containers it has to change.
import type { TransferListItem } from 'node:worker_threads';
import { ENCODED_PRIMITIVE_KEY, SerializationError, kPrimitive, kTaskRef, type FnRef, type PrimitiveDescriptor } from '@weft/spi';
import { backend } from '../internal/get-backend.js';
import { isDetached } from './detached.js';
import { isTransferMark } from './transfer.js';

export const ENCODED_FN_KEY = '__weft_fn__';

/** What a core primitive exposes to the encoder. */
export interface Encodable {
  readonly [kPrimitive]: () => EncodedPrimitive;
}
export interface EncodedPrimitive {
  /** core class name, to revive the right class */
  readonly cls: string;
  readonly descriptor: PrimitiveDescriptor;
  /** class-specific extras (e.g. a Barrier's action) — must itself be encoded data */
  readonly extra?: unknown;
}

export interface EncodeState {
  handles: boolean;
  transfer: TransferListItem[];
  /** MessagePorts can cross between threads only */
  readonly portsAllowed: boolean;
  /** bytes of binary data to be copied (not transferred), so the pool can keep batches small */
  bytes: number;
}

// SharedArrayBuffer may be absent (a runtime without it selects child_process): look it up lazily.
const CLONEABLE_CLASSES: Function[] = [Date, RegExp, ArrayBuffer, DataView, Boolean, Number, String, Error, ...(typeof SharedArrayBuffer === 'function' ? [SharedArrayBuffer] : [])];

let portsAllowed: boolean | undefined;
export function newEncodeState(): EncodeState {
  return { handles: false, transfer: [], portsAllowed: (portsAllowed ??= backend().name === 'worker_threads'), bytes: 0 };
}

/** True when every argument is a scalar, so there is nothing to check or encode. */
export function allScalars(args: readonly unknown[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const t = typeof args[i];
    if (t === 'object' ? args[i] !== null : t === 'function' || t === 'symbol') return false;
  }
  return true;
}

/** Encode `value`; `path` names it in errors ("args[1].options"). */
export function encodeValue(value: unknown, path: string, state: EncodeState, seen?: Map<object, unknown>): unknown {
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'undefined':
    case 'bigint':
      return value;
    case 'symbol':
      throw new SerializationError(`${path} is a symbol, which cannot be sent to a worker; send a string instead`);
    case 'function': {
      const ref = (value as { [kTaskRef]?: FnRef })[kTaskRef];
      if (ref !== undefined) {
        state.handles = true;
        return { [ENCODED_FN_KEY]: ref };
      }
      throw new SerializationError(
        `${path} is a function (${(value as Function).name || 'anonymous'}), which cannot be sent to a worker as data; define it with task(import.meta.url, fn) so it travels by reference, or pass a { module, name } object`,
      );
    }
  }
  if (value === null) return null;
  const obj = value as object;
  if (seen?.has(obj)) return seen.get(obj);
  if (typeof (obj as Partial<Encodable>)[kPrimitive] === 'function') {
    state.handles = true;
    return { [ENCODED_PRIMITIVE_KEY]: (obj as Encodable)[kPrimitive]() };
  }
  if (isTransferMark(obj)) {
    state.transfer.push(...obj.list);
    return encodeValue(obj.value, path, state, seen);
  }
  if (ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) {
    // Bytes that will be copied. Between threads a transferred buffer moves without a copy; a
    // process gets a copy of it anyway (portsAllowed is true for threads only).
    const buffer = ArrayBuffer.isView(obj) ? obj.buffer : obj;
    if (isDetached(buffer)) {
      const what = ArrayBuffer.isView(obj) ? `a ${obj.constructor.name} whose ArrayBuffer` : 'an ArrayBuffer that';
      throw new SerializationError(
        `${path} is ${what} was detached: its memory was handed to another thread or process (transfer() or postMessage) before, so it has no bytes left to send; send a buffer you still own (keep a copy with .slice() before transferring)`,
      );
    }
    if (!(state.portsAllowed && (state.transfer as readonly unknown[]).includes(buffer))) state.bytes += obj.byteLength;
    return obj;
  }
  if (Array.isArray(obj)) return encodeContainer(obj, path, state, seen, true);
  const proto = Object.getPrototypeOf(obj);
  if (proto === Object.prototype || proto === null) return encodeContainer(obj, path, state, seen, false);
  if (obj instanceof Map) {
    for (const [k, v] of obj) {
      checkInside(k, `${path} (a Map key)`);
      checkInside(v, `${path}.get(${describeKey(k)})`);
    }
    return obj;
  }
  if (obj instanceof Set) {
    for (const v of obj) checkInside(v, `${path} (a Set member)`);
    return obj;
  }
  if (CLONEABLE_CLASSES.some((C) => obj instanceof C)) return obj;
  const ctorName = (obj as { constructor?: { name?: string } }).constructor?.name;
  if (ctorName === 'MessagePort' || ctorName === 'BroadcastChannel') {
    if (!state.portsAllowed) {
      throw new SerializationError(`${path} is a ${ctorName}, which cannot be sent to another process (child_process backend); send plain data, or share a weft Queue or Event instead`);
    }
    return obj;
  }
  if (ctorName === 'Blob' || ctorName === 'X509Certificate' || ctorName === 'KeyObject') return obj;
  throw new SerializationError(
    `${path} is an instance of ${ctorName ? `class ${ctorName}` : 'a class'}, which cannot be sent to a worker: cloning would drop its prototype and private fields; send a plain object (e.g. { ...value }) and rebuild the instance in the task`,
  );
}

function encodeContainer(obj: object, path: string, state: EncodeState, seen: Map<object, unknown> | undefined, isArray: boolean): unknown {
  const memo = seen ?? new Map<object, unknown>();
  memo.set(obj, obj);
  let out: Record<string, unknown> | unknown[] | undefined;
  if (isArray) {
    const arr = obj as unknown[];
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (typeof v !== 'object' && typeof v !== 'function' && typeof v !== 'symbol') continue; // fast path for scalars
      const enc = encodeValue(v, `${path}[${i}]`, state, memo);
      if (enc !== v) {
        out ??= arr.slice();
        (out as unknown[])[i] = enc;
        memo.set(obj, out);
      }
    }
  } else {
    for (const key of Object.keys(obj)) {
      const v = (obj as Record<string, unknown>)[key];
      if (typeof v !== 'object' && typeof v !== 'function' && typeof v !== 'symbol') continue;
      const enc = encodeValue(v, `${path}.${key}`, state, memo);
      if (enc !== v) {
        out ??= { ...(obj as Record<string, unknown>) };
        (out as Record<string, unknown>)[key] = enc;
        memo.set(obj, out);
      }
    }
  }
  return out ?? obj;
}

/** Inside Map/Set we only check: primitives and task functions are not supported there. */
function checkInside(v: unknown, path: string): void {
  const state = newEncodeState();
  const enc = encodeValue(v, path, state);
  if (state.handles || enc !== v) {
    throw new SerializationError(`${path}: weft primitives, task functions and transfer() marks cannot be sent inside a Map or Set; put them in a plain object or array`);
  }
}

function describeKey(k: unknown): string {
  return typeof k === 'string' ? JSON.stringify(k) : typeof k === 'number' ? String(k) : '…';
}

/**
 * Encode a list of values, copying it only if one had to change. Errors name the position:
 * `${path}[i]` ("args[1]"), or whatever `path(i)` says ("item 17"); `where` prefixes messages.
 */
export function encodeArgs(args: readonly unknown[], where: string, state: EncodeState, path: string | ((index: number) => string) = 'args'): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (typeof v !== 'object' && typeof v !== 'function' && typeof v !== 'symbol') continue;
    let enc: unknown;
    try {
      enc = encodeValue(v, typeof path === 'string' ? `${path}[${i}]` : path(i), state);
    } catch (err) {
      if (err instanceof SerializationError) err.message = `${where}: ${err.message}`;
      throw err;
    }
    if (enc !== v) {
      out ??= args.slice();
      out[i] = enc;
    }
  }
  return out ?? (args as unknown[]);
}
