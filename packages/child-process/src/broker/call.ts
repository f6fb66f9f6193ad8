// One request as the owner of a primitive sees it: who asked, how long it may wait, and how
// to answer. The answer is delivered exactly once; a local caller gets it in-process, a
// remote one over the frame pipes (broker.ts).
import type { Address } from '../tree/address.js';

export type Reply =
  | { readonly ok: true; readonly v: unknown }
  | { readonly ok: false; readonly e: Error }
  | { readonly ab: true };

/** setTimeout overflows above this (it would fire at once); longer waits are "forever" */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Call {
  readonly from: Address;
  /** ms the caller will wait; undefined = forever, 0 = try once */
  readonly timeout: number | undefined;
  #deliver: ((reply: Reply) => void) | null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(from: Address, timeout: number | undefined, deliver: (reply: Reply) => void) {
    this.from = from;
    this.timeout = timeout;
    this.#deliver = deliver;
  }

  get settled(): boolean {
    return this.#deliver === null;
  }

  /** true when the caller asked not to wait at all */
  get tryOnce(): boolean {
    return this.timeout === 0;
  }

  ok(value: unknown): void {
    this.#settle({ ok: true, v: value });
  }

  fail(error: Error): void {
    this.#settle({ ok: false, e: error });
  }

  aborted(): void {
    this.#settle({ ab: true });
  }

  /**
   * Start the wait's clock. The timer is unref'd: the waiting side keeps its own process
   * alive (holdProcessAlive), and the owner must not stay up only for someone else's wait.
   */
  arm(onTimeout: () => void): void {
    if (this.timeout === undefined || this.timeout > MAX_TIMER_MS || this.settled) return;
    this.#timer = setTimeout(onTimeout, this.timeout);
    this.#timer.unref();
  }

  /** stop the clock (the wait moved on to a phase the timeout no longer covers) */
  disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #settle(reply: Reply): void {
    const deliver = this.#deliver;
    if (deliver === null) return;
    this.#deliver = null;
    this.disarm();
    deliver(reply);
  }
}
