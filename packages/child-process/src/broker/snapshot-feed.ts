// Keeps other processes' snapshots of this process's primitives current, so their synchronous
// queries (isSet, locked, qsize, value, nWaiting, ...) are never stale for long, and never
// stale against a message from here.
//
//   process W (holds a handle)                     owner (this process)
//   revive() ── sub {p, on} ─────────────────────▶ subscribe: W gets p's changes from now on
//                                                  (and p's state at once: it may have changed
//                                                  since the descriptor W revived was made)
//                                                  state changes → onChange → p dirty for W
//   snapshot ◀── upd {p, s, n} ─────────────────── at once, before any reply to W; else pushed
//                                                  at most every PUSH_EVERY_MS (coalesced), and
//                                                  not while replies to W keep taking them along
//   process W exits ── gone ─────────────────────▶ forget: W's subscriptions go
//
// Causal consistency: W's dirty entries are pushed before any reply to W, on the same ordered
// path, so whatever this state reflected when the owner woke W (a grant, a notify, a set) W's
// snapshots reflect too when it handles that wake-up. `n` is the last request of W's that the
// owner had processed: W ignores an update older than its own latest write (release(), set(),
// ...), and the owner re-marks a primitive dirty for W when it applies such a write.
import { nowMs } from '@weft/spi';
import type { Address } from '../tree/address.js';
import type { BrokerMessage } from './messages.js';
import type { PrimitiveState } from './state.js';

/**
 * The coalescing window: a primitive that changes all the time (a contended Lock, a busy Queue)
 * costs a quiet holder at most one update per window, and one that keeps getting replies none
 * (they carry the changes); a single change in a quiet program reaches the others within two
 * windows (plus the trip). Shorter windows show changes sooner and cost more writes under load.
 */
export const PUSH_EVERY_MS = 5;

export interface FeedNode {
  readonly address: Address;
  send(message: BrokerMessage): void;
}

interface Watched {
  readonly state: PrimitiveState;
  /** the processes holding a handle */
  readonly holders: Set<Address>;
}

export class SnapshotFeed {
  readonly #node: FeedNode;
  readonly #watched = new Map<string, Watched>();
  /** per holder: the primitives changed since they were last pushed to it (kept when empty) */
  readonly #dirty = new Map<Address, Set<string>>();
  /** per process: the id of its last request processed here */
  readonly #seen = new Map<Address, number>();
  /** holders that got a reply since the last push: their changes went (or will go) with replies */
  readonly #replied = new Set<Address>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastPush = 0;

  constructor(node: FeedNode) {
    this.#node = node;
  }

  /** `state` is shared under `id`: push its changes to whoever subscribes */
  watch(id: string, state: PrimitiveState): void {
    const watched: Watched = { state, holders: new Set() };
    this.#watched.set(id, watched);
    state.onChange = () => this.#touch(id, watched);
  }

  subscribe(from: Address, id: string, on: boolean): void {
    const watched = this.#watched.get(id);
    if (watched === undefined) return; // no snapshot to keep (a Condition), or never shared here
    if (!on) {
      watched.holders.delete(from);
      this.#dirty.get(from)?.delete(id);
      return;
    }
    watched.holders.add(from);
    this.#mark(from, id);
  }

  /** a request from `from` is being processed */
  seen(from: Address, requestId: number): void {
    this.#seen.set(from, requestId);
  }

  /**
   * `from` wrote `id` without waiting for an answer: it ignores updates until one reflects that
   * write, so it gets one even when the write changed nothing.
   */
  wrote(from: Address, id: string): void {
    if (this.#watched.get(id)?.holders.has(from) === true) this.#mark(from, id);
  }

  /** a reply about `id` goes to `to` now: what changed for it before goes first */
  beforeReply(to: Address, id: string): void {
    const dirty = this.#dirty.get(to);
    if (dirty === undefined) return;
    this.#replied.add(to);
    if (dirty.size === 0) return;
    dirty.delete(id); // the reply carries that state itself
    this.#push(to, dirty);
  }

  /** `id` is being described (its descriptor may reach a holder): push its pending changes first */
  flush(id: string): void {
    const watched = this.#watched.get(id);
    if (watched === undefined) return;
    for (const holder of watched.holders) {
      if (this.#dirty.get(holder)?.delete(id) === true) this.#send(holder, id, watched.state);
    }
  }

  /** every process for which `isGone` is true exited */
  forget(isGone: (address: Address) => boolean): void {
    for (const watched of this.#watched.values()) {
      for (const holder of watched.holders) if (isGone(holder)) watched.holders.delete(holder);
    }
    for (const address of this.#dirty.keys()) if (isGone(address)) this.#dirty.delete(address);
    for (const address of this.#seen.keys()) if (isGone(address)) this.#seen.delete(address);
    for (const address of this.#replied) if (isGone(address)) this.#replied.delete(address);
  }

  #touch(id: string, watched: Watched): void {
    if (watched.holders.size === 0) return;
    for (const holder of watched.holders) this.#dirtyFor(holder).add(id);
    this.#schedule();
  }

  #mark(holder: Address, id: string): void {
    this.#dirtyFor(holder).add(id);
    this.#schedule();
  }

  #dirtyFor(holder: Address): Set<string> {
    let dirty = this.#dirty.get(holder);
    if (dirty === undefined) this.#dirty.set(holder, (dirty = new Set()));
    return dirty;
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#lastPush + PUSH_EVERY_MS - nowMs());
    // unref'd: a push matters only to processes that are still waiting on something
    this.#timer = setTimeout(() => this.#pushAll(), wait);
    this.#timer.unref();
  }

  #pushAll(): void {
    this.#timer = undefined;
    this.#lastPush = nowMs();
    let deferred = false;
    for (const [holder, dirty] of this.#dirty) {
      if (dirty.size === 0) continue;
      // A holder that got a reply in this window is busy talking to us: its changes go with its
      // next reply (beforeReply), or with the next window's push if no reply comes. Pushing
      // anyway would put an extra message in the middle of its request loop.
      if (this.#replied.has(holder)) deferred = true;
      else this.#push(holder, dirty);
    }
    this.#replied.clear();
    if (deferred) this.#schedule();
  }

  #push(holder: Address, dirty: Set<string>): void {
    for (const id of dirty) {
      const watched = this.#watched.get(id);
      if (watched !== undefined) this.#send(holder, id, watched.state);
    }
    dirty.clear();
  }

  #send(holder: Address, id: string, state: PrimitiveState): void {
    this.#node.send({ k: 'upd', to: holder, from: this.#node.address, p: id, s: state.snapshot(holder), n: this.#seen.get(holder) ?? 0 });
  }
}
