// The requesting side of the broker protocol in a process that does not own the primitive:
// one request, one reply; the reply carries the owner's state for this process's snapshot.
// A pending request holds the process alive (an IPC reply alone would not: channels to idle
// children are unref'd). See broker.ts for the whole data flow.
import { InvalidStateError, abortErrorFor, deserializeError, holdProcessAlive, type WaitOptions } from '@weft/spi';
import { isWithin, pidOf, type Address } from '../tree/address.js';
import type { BrokerMessage, MakeSpec } from './messages.js';

export interface ClientNode {
  readonly address: Address;
  send(message: BrokerMessage): void;
}

export interface RequestSpec {
  readonly to: Address;
  readonly p: string;
  readonly op: string;
  readonly a: readonly unknown[];
  readonly mk?: MakeSpec | undefined;
  /** what the caller called, for error messages: "Lock.acquire()" */
  readonly what: string;
  readonly onSnapshot: (snapshot: unknown) => void;
}

type Request = Extract<BrokerMessage, { k: 'req' }>;

interface Pending {
  readonly spec: RequestSpec;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly cleanup: () => void;
}

export class BrokerClient {
  readonly #node: ClientNode;
  readonly #pending = new Map<number, Pending>();
  #lastId = 0;

  constructor(node: ClientNode) {
    this.#node = node;
  }

  request(spec: RequestSpec, options: WaitOptions): Promise<unknown> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortErrorFor(signal, spec.what));
    return new Promise((resolve, reject) => {
      const id = ++this.#lastId;
      const release = holdProcessAlive();
      const onAbort = (): void => this.#node.send({ k: 'cxl', to: spec.to, from: this.#node.address, id });
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = (): void => {
        release();
        signal?.removeEventListener('abort', onAbort);
      };
      this.#pending.set(id, { spec, signal, resolve, reject, cleanup });
      // absent fields are left out, not sent as undefined: this message is on every round trip
      const m: { -readonly [K in keyof Request]: Request[K] } = { k: 'req', to: spec.to, from: this.#node.address, id, p: spec.p, op: spec.op, a: spec.a };
      if (options.timeout !== undefined && options.timeout !== Infinity) m.t = options.timeout;
      if (spec.mk !== undefined) m.mk = spec.mk;
      this.#node.send(m);
    });
  }

  /**
   * Fire-and-forget, sent at once (not held for the next message: code that sets an Event and
   * then spins synchronously must still be seen). The channel keeps it in order with this
   * process's other messages.
   */
  post(spec: Omit<RequestSpec, 'onSnapshot'>): void {
    const id = ++this.#lastId;
    const m: { -readonly [K in keyof Request]: Request[K] } = { k: 'req', to: spec.to, from: this.#node.address, id, p: spec.p, op: spec.op, a: spec.a, f: true };
    if (spec.mk !== undefined) m.mk = spec.mk;
    this.#node.send(m);
  }

  onResponse(m: Extract<BrokerMessage, { k: 'res' }>): void {
    const pending = this.#pending.get(m.id);
    if (pending === undefined) {
      // the failure of a fire-and-forget call (e.g. release() of a lock someone else freed)
      if ('ok' in m.r && !m.r.ok) process.emitWarning(deserializeError(m.r.e));
      return;
    }
    this.#pending.delete(m.id);
    pending.cleanup();
    if (m.s !== null) pending.spec.onSnapshot(m.s);
    const r = m.r;
    if ('ab' in r) {
      pending.reject(pending.signal ? abortErrorFor(pending.signal, pending.spec.what) : new InvalidStateError(`${pending.spec.what} was cancelled`));
    } else if (r.ok) pending.resolve(r.v);
    else pending.reject(deserializeError(r.e));
  }

  /** the owner process (or an ancestor of it) exited: nothing will ever answer */
  ownerGone(prefix: Address): void {
    for (const [id, pending] of this.#pending) {
      if (!isWithin(pending.spec.to, prefix)) continue;
      this.#pending.delete(id);
      pending.cleanup();
      pending.reject(
        new InvalidStateError(
          `${pending.spec.what}: the process that owned this primitive (pid ${pidOf(pending.spec.to)}) exited, and its state went with it`,
        ),
      );
    }
  }
}
