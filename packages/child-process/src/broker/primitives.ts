// Making primitives (the state lives here: this process owns it) and reviving them from
// descriptors (a handle over the same state, wherever it lives).
import { InvalidStateError, type PrimitiveHandle, type SemLockParams } from '@weft/spi';
import { BrokeredBarrier } from './barrier-handle.js';
import { BarrierState } from './barrier-state.js';
import { BrokeredCondition } from './condition-handle.js';
import { ConditionState } from './condition-state.js';
import type { ChildProcessDescriptor } from './descriptor.js';
import { BrokeredEvent } from './event-handle.js';
import { EventState } from './event-state.js';
import { Link, type LinkNode } from './link.js';
import type { MakeSpec } from './messages.js';
import { BrokeredQueue } from './queue-handle.js';
import { QueueState } from './queue-state.js';
import { BrokeredSemLock } from './sem-lock-handle.js';
import { SemLockState } from './sem-lock-state.js';
import type { PrimitiveState } from './state.js';

function ownLink<S extends PrimitiveState>(node: LinkNode, state: S): Link<S> {
  return new Link(node, node.address, node.broker.newId(), state, null);
}

export function createSemLock(node: LinkNode, params: SemLockParams): BrokeredSemLock {
  return new BrokeredSemLock(ownLink(node, new SemLockState(params)), params);
}

export function createEvent(node: LinkNode): BrokeredEvent {
  return new BrokeredEvent(ownLink(node, new EventState()));
}

export function createBarrier(node: LinkNode, parties: number): BrokeredBarrier {
  return new BrokeredBarrier(ownLink(node, new BarrierState(parties)), parties);
}

export function createQueue(node: LinkNode, maxsize: number): BrokeredQueue {
  return new BrokeredQueue(ownLink(node, new QueueState(maxsize)), maxsize);
}

/** The Condition's state lives with its lock: here, or made by the lock's owner on first use. */
export function createCondition(node: LinkNode, lock: BrokeredSemLock): BrokeredCondition {
  const lockState = lock.link.state;
  if (lockState !== null) return new BrokeredCondition(ownLink(node, new ConditionState(lockState)), lock);
  const id = `${node.address}/c${node.broker.newId()}`;
  const mk: MakeSpec = { type: 'condition', lock: lock.link.id };
  return new BrokeredCondition(new Link<ConditionState>(node, lock.link.owner, id, null, null, mk), lock);
}

/**
 * One handle per primitive and process, so a process's own snapshot and holdings agree. A
 * remote handle's snapshot is kept current by its owner (a subscription, dropped when the
 * handle is collected), so a cached handle ignores the snapshot in later descriptors: one made
 * by another non-owner may be older, and the owner sends pending updates before its own.
 */
const revived = new Map<string, WeakRef<PrimitiveHandle>>();
const reap = new FinalizationRegistry<{ key: string; node: LinkNode; link: Link | null }>(({ key, node, link }) => {
  if (revived.get(key)?.deref() === undefined) revived.delete(key);
  if (link !== null) node.client.unsubscribe(link);
});

export function revive(node: LinkNode, d: ChildProcessDescriptor): PrimitiveHandle {
  const key = `${d.owner}/${d.id}`;
  const cached = revived.get(key)?.deref();
  if (cached !== undefined) return cached;
  const link = linkTo(node, d);
  const handle = build(node, d, link);
  revived.set(key, new WeakRef(handle));
  // a Condition has no snapshot of its own (its lock, revived with it, has one)
  const subscribed = link.state === null && d.type !== 'condition';
  if (subscribed) node.client.subscribe(link);
  reap.register(handle, { key, node, link: subscribed ? link : null });
  return handle;
}

function linkTo(node: LinkNode, d: ChildProcessDescriptor): Link {
  const mk: MakeSpec | undefined = d.type === 'condition' ? { type: 'condition', lock: d.lock.id } : undefined;
  const local = d.owner === node.address;
  const state = local ? node.broker.lookup(d.id, mk) : null;
  if (local && state === undefined) {
    throw new InvalidStateError(`weft child_process: primitive "${d.id}" of this process was never shared; describe() it before sending it`);
  }
  return new Link(node, d.owner, d.id, state ?? null, d.s, mk);
}

function build(node: LinkNode, d: ChildProcessDescriptor, link: Link): PrimitiveHandle {
  switch (d.type) {
    case 'semlock':
      return new BrokeredSemLock(link as Link<SemLockState>, d);
    case 'event':
      return new BrokeredEvent(link as Link<EventState>);
    case 'condition':
      return new BrokeredCondition(link as Link<ConditionState>, revive(node, d.lock) as BrokeredSemLock);
    case 'barrier':
      return new BrokeredBarrier(link as Link<BarrierState>, d.parties);
    case 'queue':
      return new BrokeredQueue(link as Link<QueueState>, d.maxsize);
  }
}
