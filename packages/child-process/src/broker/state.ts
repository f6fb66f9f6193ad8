// What every primitive's owner-side state offers the broker.
import type { Address } from '../tree/address.js';
import type { Call } from './call.js';

export interface PrimitiveState {
  /** run operation `op`; the answer goes through `call`, now or later */
  invoke(op: string, args: readonly unknown[], call: Call): void;
  /** the caller's AbortSignal fired: withdraw its wait without a trace and answer `aborted` */
  cancel(call: Call): void;
  /** processes for which `isGone` is true have exited: drop their waits, give back what they held */
  forget(isGone: (address: Address) => boolean): void;
  /** the state as seen by `from`, sent with every reply and pushed on change (snapshot-feed.ts) */
  snapshot(from: Address): unknown;
  /**
   * Set by the broker once the state is shared; the state calls it after every change that
   * `snapshot()` can see (cheap: it only marks the state for the next push).
   */
  onChange: (() => void) | undefined;
}

export function unknownOp(what: string, op: string): Error {
  return new TypeError(`${what}: unknown broker operation "${op}" (a weft version mismatch between processes?)`);
}
