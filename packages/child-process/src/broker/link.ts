// How a handle reaches its state: directly when this process owns it, through the broker
// client otherwise. Handles are written once against this and work in both places.
import { abortErrorFor, holdProcessAlive, type WaitOptions } from '@weft/spi';
import { pidOf, type Address } from '../tree/address.js';
import { Call } from './call.js';
import type { Broker } from './broker.js';
import type { BrokerClient } from './client.js';
import type { MakeSpec } from './messages.js';
import type { PrimitiveState } from './state.js';

export interface LinkNode {
  readonly address: Address;
  readonly client: BrokerClient;
  readonly broker: Broker;
}

export class Link<S extends PrimitiveState = PrimitiveState> {
  readonly owner: Address;
  readonly id: string;
  /** the state itself when this process owns the primitive, else null */
  readonly state: S | null;
  /** how the owner makes the state on first use (a Condition made in another process) */
  readonly mk: MakeSpec | undefined;
  readonly #node: LinkNode;
  /** remote only: the owner's state as of the last reply or update (or as this process last changed it) */
  snapshot: unknown;
  /** remote only: id of this process's last fire-and-forget request on it (client.ts) */
  lastWrite = 0;

  constructor(node: LinkNode, owner: Address, id: string, state: S | null, initialSnapshot: unknown, mk?: MakeSpec) {
    this.#node = node;
    this.owner = owner;
    this.id = id;
    this.state = state;
    this.snapshot = initialSnapshot;
    this.mk = mk;
  }

  get me(): Address {
    return this.#node.address;
  }

  /** describe() was called: other processes may now reach the state (no-op when remote) */
  share(): void {
    if (this.state !== null) this.#node.broker.register(this.id, this.state);
  }

  /** the owner's pid, for messages */
  get ownerPid(): number {
    return pidOf(this.owner);
  }

  /** an operation that may wait; resolves with the state's answer */
  call(op: string, args: readonly unknown[], options: WaitOptions, what: string): Promise<unknown> {
    if (this.state !== null) return localCall(this.state, this.me, op, args, options, what);
    return this.#node.client.request(this, op, args, options, what);
  }

  /** an operation that does not wait; in the owner its errors throw here and now */
  post(op: string, args: readonly unknown[], what: string): void {
    if (this.state !== null) {
      this.state.invoke(op, args, new Call(this.me, 0, (reply) => {
        if ('ok' in reply && !reply.ok) throw reply.e;
      }));
      return;
    }
    this.#node.client.post(this, op, args);
  }
}

function localCall(state: PrimitiveState, me: Address, op: string, args: readonly unknown[], options: WaitOptions, what: string): Promise<unknown> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortErrorFor(signal, what));
  return new Promise((resolve, reject) => {
    let release: (() => void) | undefined;
    const onAbort = (): void => state.cancel(call);
    const timeout = options.timeout === Infinity ? undefined : options.timeout;
    const call: Call = new Call(me, timeout, (reply) => {
      release?.();
      signal?.removeEventListener('abort', onAbort);
      if ('ab' in reply) reject(abortErrorFor(signal as AbortSignal, what));
      else if (reply.ok) resolve(reply.v);
      else reject(reply.e);
    });
    try {
      state.invoke(op, args, call);
    } catch (err) {
      call.fail(err instanceof Error ? err : new Error(String(err)));
    }
    if (call.settled) return;
    release = holdProcessAlive();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
