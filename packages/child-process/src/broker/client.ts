// The requesting side of the broker protocol in a process that does not own the primitive:
// one request, one reply; the reply carries the owner's state for this process's snapshot,
// and the owner pushes that state whenever it changes to the processes that subscribed (one
// subscription per primitive and process, for however many handles it has; snapshot-feed.ts).
// A pending request holds the process alive (a reply on a pipe alone would not: channels to idle
// children are unref'd). See broker.ts for the whole data flow. This is on every remote
// acquire, so a request allocates only what it needs (no abort listener without a signal).
import { InvalidStateError, abortErrorFor, deserializeError, holdProcessAlive, type WaitOptions } from '@weft/spi';
import { isWithin, pidOf, type Address } from '../tree/address.js';
import type { BrokerMessage, MakeSpec } from './messages.js';

export interface ClientNode {
  readonly address: Address;
  send(message: BrokerMessage): void;
}

/** the primitive a request is for (a Link): where it lives, and where its snapshot is kept */
export interface RequestTarget {
  readonly owner: Address;
  readonly id: string;
  /** how the owner makes the state on first use (a Condition made elsewhere) */
  readonly mk: MakeSpec | undefined;
  /** the owner's state as of the last reply or update, written here by each of them */
  snapshot: unknown;
  /** id of this process's last fire-and-forget request: older replies and updates do not reflect it */
  lastWrite: number;
}

type Request = Extract<BrokerMessage, { k: 'req' }>;

interface Pending {
  readonly target: RequestTarget;
  /** what the caller called, for error messages: "Lock.acquire()" */
  readonly what: string;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly release: () => void;
  readonly onAbort: (() => void) | undefined;
}

export class BrokerClient {
  readonly #node: ClientNode;
  readonly #pending = new Map<number, Pending>();
  /** the targets whose snapshots the owners keep current, by "owner/id" */
  readonly #subscribed = new Map<string, Set<RequestTarget>>();
  #lastId = 0;

  constructor(node: ClientNode) {
    this.#node = node;
  }

  request(target: RequestTarget, op: string, a: readonly unknown[], options: WaitOptions, what: string): Promise<unknown> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortErrorFor(signal, what));
    return new Promise((resolve, reject) => {
      const id = ++this.#lastId;
      let onAbort: (() => void) | undefined;
      if (signal !== undefined) {
        onAbort = (): void => this.#node.send({ k: 'cxl', to: target.owner, from: this.#node.address, id });
        signal.addEventListener('abort', onAbort, { once: true });
      }
      this.#pending.set(id, { target, what, signal, resolve, reject, release: holdProcessAlive(), onAbort });
      // absent fields are left out: the frame is shorter without them
      const m: { -readonly [K in keyof Request]: Request[K] } = { k: 'req', to: target.owner, from: this.#node.address, id, p: target.id, op, a };
      if (options.timeout !== undefined && options.timeout !== Infinity) m.t = options.timeout;
      if (target.mk !== undefined) m.mk = target.mk;
      try {
        this.#node.send(m);
      } catch (err) {
        // Never sent, so never answered: give back the hold and the listener now.
        const pending = this.#pending.get(id);
        this.#pending.delete(id);
        if (pending !== undefined) settle(pending);
        reject(err);
      }
    });
  }

  /**
   * Fire-and-forget, sent at once (not held for the next message: code that sets an Event and
   * then spins synchronously must still be seen). The channel keeps it in order with this
   * process's other messages.
   */
  post(target: RequestTarget, op: string, a: readonly unknown[]): void {
    const id = ++this.#lastId;
    const m: { -readonly [K in keyof Request]: Request[K] } = { k: 'req', to: target.owner, from: this.#node.address, id, p: target.id, op, a, f: true };
    if (target.mk !== undefined) m.mk = target.mk;
    target.lastWrite = id;
    this.#node.send(m);
  }

  /** ask the owner to push `target`'s state on every change (a handle was revived here) */
  subscribe(target: RequestTarget): void {
    const key = `${target.owner}/${target.id}`;
    const targets = this.#subscribed.get(key);
    if (targets !== undefined) return void targets.add(target);
    this.#subscribed.set(key, new Set([target]));
    this.#node.send({ k: 'sub', to: target.owner, from: this.#node.address, p: target.id, on: true });
  }

  /** the handle of `target` was collected: the owner may stop pushing when it was the last */
  unsubscribe(target: RequestTarget): void {
    const key = `${target.owner}/${target.id}`;
    const targets = this.#subscribed.get(key);
    if (targets === undefined || !targets.delete(target) || targets.size > 0) return;
    this.#subscribed.delete(key);
    this.#node.send({ k: 'sub', to: target.owner, from: this.#node.address, p: target.id, on: false });
  }

  onUpdate(m: Extract<BrokerMessage, { k: 'upd' }>): void {
    const targets = this.#subscribed.get(`${m.from}/${m.p}`);
    if (targets === undefined) return;
    // an update from before the owner saw our latest write is dropped: a newer one follows
    for (const target of targets) if (m.n >= target.lastWrite) target.snapshot = m.s;
  }

  onResponse(m: Extract<BrokerMessage, { k: 'res' }>): void {
    const pending = this.#pending.get(m.id);
    if (pending === undefined) {
      // the failure of a fire-and-forget call (e.g. release() of a lock someone else freed)
      if ('ok' in m.r && !m.r.ok) process.emitWarning(deserializeError(m.r.e));
      return;
    }
    this.#pending.delete(m.id);
    settle(pending);
    if (m.s !== null && m.id >= pending.target.lastWrite) pending.target.snapshot = m.s;
    const r = m.r;
    if ('ab' in r) {
      pending.reject(pending.signal ? abortErrorFor(pending.signal, pending.what) : new InvalidStateError(`${pending.what} was cancelled`));
    } else if (r.ok) pending.resolve(r.v);
    else pending.reject(deserializeError(r.e));
  }

  /** the owner process (or an ancestor of it) exited: nothing will ever answer */
  ownerGone(prefix: Address): void {
    for (const [key, targets] of this.#subscribed) {
      for (const target of targets) if (isWithin(target.owner, prefix)) targets.delete(target);
      if (targets.size === 0) this.#subscribed.delete(key);
    }
    for (const [id, pending] of this.#pending) {
      if (!isWithin(pending.target.owner, prefix)) continue;
      this.#pending.delete(id);
      settle(pending);
      pending.reject(
        new InvalidStateError(
          `${pending.what}: the process that owned this primitive (pid ${pidOf(pending.target.owner)}) exited, and its state went with it`,
        ),
      );
    }
  }
}

/** the request is answered: stop holding the process and listening for its abort */
function settle(pending: Pending): void {
  pending.release();
  if (pending.onAbort !== undefined) pending.signal?.removeEventListener('abort', pending.onAbort);
}
