// transfer(value, list?): mark a value's buffers to be handed over to or from a worker. The
// sender's buffers are detached on both backends: worker_threads moves them to the worker
// without a copy; child_process copies their bytes onto the pipe once, as it does any argument's.
import type { TransferListItem } from 'node:worker_threads';
import { kTransfer } from '@weft/spi';

export interface TransferMark {
  readonly [kTransfer]: true;
  readonly value: unknown;
  readonly list: readonly TransferListItem[];
}

/**
 * Hand `value`'s buffers over to the worker (or, from a task, to the caller) instead of copying
 * them; the sender can no longer use them. `transferList` defaults to the ArrayBuffer behind `value` (or `value` itself when it
 * is an ArrayBuffer or MessagePort). Returns a marker typed as `value`, for use as an
 * argument or a task's return value.
 */
export function transfer<T>(value: T, transferList?: readonly TransferListItem[]): T {
  let list: readonly TransferListItem[];
  if (transferList !== undefined) {
    if (!Array.isArray(transferList)) throw new TypeError('transfer(): transferList must be an array of ArrayBuffer or MessagePort');
    list = [...new Set(transferList)]; // a buffer listed twice is handed over once (postMessage would throw)
  } else if (value instanceof ArrayBuffer) list = [value];
  else if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) list = [value.buffer];
  else if (typeof value === 'object' && value !== null && value.constructor?.name === 'MessagePort') list = [value as unknown as TransferListItem];
  else throw new TypeError('transfer(): value is not an ArrayBuffer, typed array or MessagePort; pass transferList to say what to transfer');
  const mark: TransferMark = { [kTransfer]: true, value, list };
  return mark as unknown as T;
}

export function isTransferMark(v: object): v is TransferMark {
  return (v as { [kTransfer]?: unknown })[kTransfer] === true;
}
