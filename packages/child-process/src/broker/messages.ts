// Broker messages as the code handles them; on the wire each is a flat frame
// (wire/broker-frames.ts), so these field names never travel.
import type { SerializedError } from '@weft/spi';
import type { Address } from '../tree/address.js';

/** How the owner builds a state it has not seen yet (a Condition made elsewhere over its lock). */
export interface MakeSpec {
  readonly type: 'condition';
  /** id of the lock the condition is over; the lock lives in the same owner */
  readonly lock: string;
}

/** The answer to one request, as sent on the wire. */
export type WireReply =
  | { readonly ok: true; readonly v: unknown }
  | { readonly ok: false; readonly e: SerializedError }
  /** the request was cancelled (abort) before it took effect */
  | { readonly ab: true };

export type BrokerMessage =
  /**
   * A request to the owner of primitive `p`. `t` is the wait's timeout in ms (owner-side
   * timer). `f` marks fire-and-forget: the owner answers only when it fails.
   */
  | {
      readonly k: 'req';
      readonly to: Address;
      readonly from: Address;
      readonly id: number;
      readonly p: string;
      readonly op: string;
      readonly a: readonly unknown[];
      readonly t?: number | undefined;
      readonly f?: true;
      readonly mk?: MakeSpec | undefined;
    }
  /** the reply to request `id`; `s` is the primitive's state right after, for snapshots */
  | { readonly k: 'res'; readonly to: Address; readonly id: number; readonly r: WireReply; readonly s: unknown }
  /** the requester gave up waiting on request `id` (its AbortSignal fired) */
  | { readonly k: 'cxl'; readonly to: Address; readonly from: Address; readonly id: number }
  /** every process at or below address `a` is gone; flooded through the whole tree */
  | { readonly k: 'gone'; readonly a: Address }
  /** process `from` holds a handle on primitive `p` (on) or dropped it (off): push it p's changes */
  | { readonly k: 'sub'; readonly to: Address; readonly from: Address; readonly p: string; readonly on: boolean }
  /**
   * primitive `p` of owner `from` changed; `s` is its state as seen by `to`, `n` the id of the
   * last request of `to` the owner had processed (broker/snapshot-feed.ts)
   */
  | { readonly k: 'upd'; readonly to: Address; readonly from: Address; readonly p: string; readonly s: unknown; readonly n: number };
