// The inverse of encode.ts, on the receiving side: descriptors become working primitives
// of this process's backend, task-function references become callable functions.
import { ENCODED_PRIMITIVE_KEY, kTaskRef, type FnRef } from '@weft/spi';
import { ENCODED_FN_KEY, type EncodedPrimitive } from './encode.js';
import { revivePrimitive } from '../primitives/revive.js';
import { loadFn } from '../functions/load-fn.js';

/** Walk a payload known to contain encoded handles and revive them (in place where possible). */
export async function decodeValue(value: unknown): Promise<unknown> {
  const pending: Promise<void>[] = [];
  const out = walk(value, pending, new Set());
  await Promise.all(pending);
  return out;
}

function walk(value: unknown, pending: Promise<void>[], seen: Set<object>): unknown {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = walk(value[i], pending, seen);
    return value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const rec = value as Record<string, unknown>;
  if (ENCODED_PRIMITIVE_KEY in rec) return revivePrimitive(rec[ENCODED_PRIMITIVE_KEY] as EncodedPrimitive);
  if (ENCODED_FN_KEY in rec) return taskProxy(rec[ENCODED_FN_KEY] as FnRef, pending);
  for (const key of Object.keys(rec)) rec[key] = walk(rec[key], pending, seen);
  return rec;
}

/** A task function received as data: loaded before the task runs, then called directly. */
function taskProxy(ref: FnRef, pending: Promise<void>[]): Function {
  let fn: Function | undefined;
  pending.push(loadFn(ref).then((f) => void (fn = f)));
  const proxy = (...args: unknown[]): unknown => fn!(...args);
  Object.defineProperty(proxy, 'name', { value: ref.name });
  Object.defineProperty(proxy, kTaskRef, { value: ref });
  return proxy;
}
