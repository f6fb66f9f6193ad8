// This process's place in the weft process tree: its address, its parent link (when a weft
// parent forked it), its children, the broker for primitives it owns and the client for
// primitives others own. Broker messages are routed hop by hop:
//
//   to === me                 → handle here (req/cxl/sub → broker, res/upd → client)
//   to below me               → the child on the way (tree/address.ts nextHopDown)
//   anything else             → the parent; a root answers "no such process"
//   gone {a}                  → handle here, then flood to every neighbour but the sender
//
// One node per process, kept on globalThis so an ESM and a CJS copy of this package share it.
import { InvalidStateError, serializeError } from '@weft/spi';
import { Broker } from '../broker/broker.js';
import { BrokerClient } from '../broker/client.js';
import type { BrokerMessage } from '../broker/messages.js';
import { takeChildEnv } from '../env.js';
import { brokerFrame } from '../wire/broker-frames.js';
import type { Frame } from '../wire/frame.js';
import { childAddress, nextHopDown, rootAddress, type Address } from './address.js';
import { ParentLink } from './parent-link.js';

export interface Neighbour {
  send(frame: Frame): void;
}

export class ProcessNode {
  readonly address: Address;
  readonly parent: ParentLink | null;
  readonly broker: Broker;
  readonly client: BrokerClient;
  readonly #children = new Map<number, Neighbour>();

  constructor() {
    const env = takeChildEnv();
    this.address = env === null ? rootAddress(process.pid) : childAddress(env.parentAddress, process.pid);
    this.broker = new Broker(this);
    this.client = new BrokerClient(this);
    this.parent = env === null ? null : new ParentLink(env, (m) => this.#route(m, this.parent));
  }

  addChild(pid: number, child: Neighbour): void {
    this.#children.set(pid, child);
  }

  /** a child exited (and its channel drained): release what its whole subtree held, tell the tree */
  childGone(pid: number): void {
    const child = this.#children.get(pid);
    this.#children.delete(pid);
    this.#route({ k: 'gone', a: childAddress(this.address, pid) }, child ?? null);
  }

  /** a broker message from this process */
  send(message: BrokerMessage): void {
    this.#route(message, null);
  }

  /** a broker message that arrived from a child */
  receive(message: BrokerMessage, from: Neighbour): void {
    this.#route(message, from);
  }

  #route(m: BrokerMessage, cameFrom: Neighbour | null): void {
    if (m.k === 'gone') return this.#gone(m, cameFrom);
    if (m.to === this.address) {
      if (m.k === 'req') this.broker.onRequest(m);
      else if (m.k === 'res') this.client.onResponse(m);
      else if (m.k === 'cxl') this.broker.onCancel(m);
      else if (m.k === 'upd') this.client.onUpdate(m);
      else this.broker.onSubscribe(m);
      return;
    }
    const down = nextHopDown(this.address, m.to);
    const next: Neighbour | null | undefined = down === null ? this.parent : this.#children.get(down);
    if (next !== null && next !== undefined) return next.send(brokerFrame(m));
    this.#unreachable(m);
  }

  #gone(m: Extract<BrokerMessage, { k: 'gone' }>, cameFrom: Neighbour | null): void {
    this.broker.forget(m.a);
    this.client.ownerGone(m.a);
    const frame = brokerFrame(m);
    if (this.parent !== null && this.parent !== cameFrom) this.parent.send(frame);
    for (const child of this.#children.values()) if (child !== cameFrom) child.send(frame);
  }

  /** nobody is at `to` any more: a request gets an error, a cancel an "aborted", a reply or (un)subscription is dropped */
  #unreachable(m: Exclude<BrokerMessage, { k: 'gone' }>): void {
    if (m.k === 'res' || m.k === 'upd' || m.k === 'sub' || (m.k === 'req' && m.f === true)) return;
    const r =
      m.k === 'cxl'
        ? ({ ab: true } as const)
        : { ok: false as const, e: serializeError(new InvalidStateError(`weft child_process: no process at ${m.to} (it has exited); the primitive it owned is gone`)) };
    this.#route({ k: 'res', to: m.from, id: m.id, r, s: null }, null);
  }
}

const kNode = Symbol.for('weft.child_process.node');

/** this process's node, created on first use */
export function processNode(): ProcessNode {
  const g = globalThis as { [kNode]?: ProcessNode };
  g[kNode] ??= new ProcessNode();
  return g[kNode];
}
