// Run one task message: call the function on the arguments (or on each item of a chunk),
// and turn the outcome into a TaskResult, synchronously when the function is synchronous.
import type { TransferListItem } from 'node:worker_threads';
import { SerializationError, serializeError, type TaskMessage, type TaskResult, nowMs } from '@weft/spi';
import { decodeValue } from '../codec/decode.js';
import { encodeValue, newEncodeState } from '../codec/encode.js';

export type Outcome = { result: TaskResult; transfer: TransferListItem[] | undefined };

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}

function ok(id: number, value: unknown, start: number): Outcome {
  if (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol') {
    return { result: { id, ok: true, value, ms: nowMs() - start }, transfer: undefined };
  }
  const state = newEncodeState();
  let encoded: unknown;
  try {
    encoded = encodeValue(value, 'the result', state);
  } catch (err) {
    if (err instanceof SerializationError) err.message = `the task's return value could not be sent back: ${err.message}`;
    return fail(id, err, start);
  }
  const result: TaskResult = state.handles ? { id, ok: true, value: encoded, handles: true, ms: nowMs() - start } : { id, ok: true, value: encoded, ms: nowMs() - start };
  return { result, transfer: state.transfer.length > 0 ? state.transfer : undefined };
}

function fail(id: number, error: unknown, start: number, index?: number): Outcome {
  const result: TaskResult = index === undefined ? { id, ok: false, error: serializeError(error), ms: nowMs() - start } : { id, ok: false, error: serializeError(error), index, ms: nowMs() - start };
  return { result, transfer: undefined };
}

export function execute(task: TaskMessage, fn: Function): Outcome | Promise<Outcome> {
  const start = nowMs();
  if (task.handles) {
    return decodeValue(task.extra === undefined ? task.args : [task.args, task.extra]).then(
      (decoded) => (task.extra === undefined ? settle(task, fn, decoded as unknown[], start) : settle({ ...task, extra: (decoded as unknown[][])[1] }, fn, (decoded as unknown[][])[0]!, start)),
      (err: unknown) => fail(task.id, err, start),
    );
  }
  return settle(task, fn, task.args, start);
}

function settle(task: TaskMessage, fn: Function, args: unknown[], start: number): Outcome | Promise<Outcome> {
  if (task.chunk) {
    const call = task.flat ? flatCall(fn, task.extra) : spreadCall(fn);
    return runChunk(task.id, call, args, start);
  }
  let value: unknown;
  try {
    value = fn(...args);
  } catch (err) {
    return fail(task.id, err, start);
  }
  if (isThenable(value)) {
    return Promise.resolve(value).then(
      (v) => ok(task.id, v, start),
      (err: unknown) => fail(task.id, err, start),
    );
  }
  return ok(task.id, value, start);
}

type ItemCall = (item: unknown) => unknown;
const spreadCall = (fn: Function): ItemCall => (args) => fn(...(args as unknown[]));
function flatCall(fn: Function, extra: unknown[] | undefined): ItemCall {
  if (extra === undefined || extra.length === 0) return (item) => fn(item);
  return (item) => fn(item, ...extra);
}

function runChunk(id: number, call: ItemCall, items: unknown[], start: number): Outcome | Promise<Outcome> {
  const out = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) {
    let v: unknown;
    try {
      v = call(items[i]);
    } catch (err) {
      return fail(id, err, start, i);
    }
    if (isThenable(v)) return finishChunkAsync(id, call, items, out, i, v, start);
    out[i] = v;
  }
  return ok(id, out, start);
}

async function finishChunkAsync(id: number, call: ItemCall, items: unknown[], out: unknown[], from: number, first: PromiseLike<unknown>, start: number): Promise<Outcome> {
  let i = from;
  try {
    out[i] = await first;
    for (i = from + 1; i < items.length; i++) out[i] = await call(items[i]);
  } catch (err) {
    return fail(id, err, start, i);
  }
  return ok(id, out, start);
}
