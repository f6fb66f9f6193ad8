// The broker: the owner side of every primitive this process created and shared.
//
//   process A (owner)                      process B (any other process of the tree)
//   ─────────────────                      ─────────────────────────────────────────
//   create*() → state + handle             revive(descriptor) → handle over a remote Link
//   describe() → registers the state  ──▶  descriptor {owner: "A's address", id}
//
//   Broker.onRequest ◀── req {p, op, a, t} ── BrokerClient.request   (routed hop by hop,
//     state.invoke(op) answers now or later    holdProcessAlive() while it waits)
//   ── res {r, s: snapshot} ──────────────▶  resolve / reject, keep the snapshot
//   Broker.onCancel  ◀── cxl {id} ────────── the waiter's AbortSignal fired
//   Broker.forget    ◀── gone {a} ────────── a process (and its subtree) exited: its waits are
//                                            dropped, what it held is given back
//   Broker.onSubscribe ◀─ sub {p, on} ─────── B revived (or dropped) a handle on p
//   ── upd {p, s} ────────────────────────▶  p changed: B's snapshot follows (snapshot-feed.ts)
//
// Handles in A itself call the state directly (local-link.ts), so A's queries are exact.
import { InvalidStateError, serializeError } from '@weft/spi';
import { isWithin, type Address } from '../tree/address.js';
import { Call, type Reply } from './call.js';
import { ConditionState } from './condition-state.js';
import type { BrokerMessage, MakeSpec, WireReply } from './messages.js';
import type { SemLockState } from './sem-lock-state.js';
import { SnapshotFeed } from './snapshot-feed.js';
import type { PrimitiveState } from './state.js';

type Request = Extract<BrokerMessage, { k: 'req' }>;

export interface BrokerNode {
  readonly address: Address;
  send(message: BrokerMessage): void;
}

export class Broker {
  readonly #node: BrokerNode;
  readonly #states = new Map<string, PrimitiveState>();
  /** remote calls not answered yet, by "from#id", so a cancel can find them */
  readonly #calls = new Map<string, { call: Call; state: PrimitiveState }>();
  readonly #feed: SnapshotFeed;
  #lastId = 0;

  constructor(node: BrokerNode) {
    this.#node = node;
    this.#feed = new SnapshotFeed(node);
  }

  newId(): string {
    return String(++this.#lastId);
  }

  /**
   * make `state` reachable from other processes under `id` (done by every describe()); its
   * pending updates go out first, so a process that already holds a handle is not behind the
   * descriptor about to be sent
   */
  register(id: string, state: PrimitiveState): void {
    if (this.#states.has(id)) return this.#feed.flush(id);
    this.#states.set(id, state);
    this.#feed.watch(id, state);
  }

  /** the shared state `id`, made now if it is a Condition first used here */
  lookup(id: string, mk?: MakeSpec): PrimitiveState | undefined {
    return this.#states.get(id) ?? this.#make(id, mk);
  }

  onRequest(m: Request): void {
    const state = this.lookup(m.p, m.mk);
    if (state === undefined) {
      const error = new InvalidStateError(`weft child_process: no primitive "${m.p}" is shared by process ${this.#node.address}`);
      if (!m.f) this.#node.send({ k: 'res', to: m.from, id: m.id, r: toWire({ ok: false, e: error }), s: null });
      return;
    }
    let key: string | undefined;
    this.#feed.seen(m.from, m.id);
    const call = new Call(m.from, m.t, (reply) => {
      if (key !== undefined) this.#calls.delete(key);
      if (m.f === true && !('ok' in reply && !reply.ok)) return; // fire-and-forget: only failures answer
      this.#feed.beforeReply(m.from, m.p);
      this.#node.send({ k: 'res', to: m.from, id: m.id, r: toWire(reply), s: state.snapshot(m.from) });
    });
    try {
      state.invoke(m.op, m.a, call);
    } catch (err) {
      call.fail(err instanceof Error ? err : new Error(String(err)));
    }
    if (m.f === true) this.#feed.wrote(m.from, m.p);
    // Only a call that waits can be cancelled later; most (an uncontended acquire, every
    // release) are answered by now and need no entry.
    if (call.settled) return;
    key = `${m.from}#${m.id}`;
    this.#calls.set(key, { call, state });
  }

  onCancel(m: Extract<BrokerMessage, { k: 'cxl' }>): void {
    const entry = this.#calls.get(`${m.from}#${m.id}`);
    entry?.state.cancel(entry.call);
  }

  onSubscribe(m: Extract<BrokerMessage, { k: 'sub' }>): void {
    this.#feed.subscribe(m.from, m.p, m.on);
  }

  /** every process at or below `prefix` exited */
  forget(prefix: Address): void {
    const isGone = (address: Address): boolean => isWithin(address, prefix);
    for (const [key, entry] of this.#calls) {
      if (isGone(entry.call.from)) this.#calls.delete(key);
    }
    for (const state of this.#states.values()) state.forget(isGone);
    this.#feed.forget(isGone);
  }

  /** a Condition made in another process over one of our locks is created on first use */
  #make(id: string, mk: MakeSpec | undefined): PrimitiveState | undefined {
    if (mk?.type !== 'condition') return undefined;
    const lock = this.#states.get(mk.lock);
    // duck-typed: an ESM and a CJS copy of this package may share the process's broker
    if (lock === undefined || !('releaseAll' in lock)) return undefined;
    const state = new ConditionState(lock as SemLockState);
    this.#states.set(id, state);
    return state;
  }
}

function toWire(reply: Reply): WireReply {
  if ('ab' in reply) return reply;
  return reply.ok ? reply : { ok: false, e: serializeError(reply.e) };
}
