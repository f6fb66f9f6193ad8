// Descriptor → instance of the same public class, in whichever thread/process receives it.
// An explicit table (not self-registration by each class), so a fresh worker can revive a
// Queue even before anything there has imported the Queue class.
import type { BarrierHandle, FnRef } from '@weft/spi';
import type { EncodedPrimitive } from '../codec/encode.js';
import { backend } from '../internal/get-backend.js';
import { Barrier } from './barrier.js';
import { Condition } from './condition.js';
import { Event } from './event.js';
import { constructWith } from './handle-slot.js';
import { Lock } from './lock.js';
import { Queue, SimpleQueue } from './queue.js';
import { reviveWith } from './revive-handle.js';
import { RLock } from './rlock.js';
import { BoundedSemaphore, Semaphore } from './semaphore.js';

type Reviver = (encoded: EncodedPrimitive) => object;

const REVIVERS: Readonly<Record<string, Reviver>> = {
  Lock: (e) => reviveWith(e.descriptor, () => new Lock()),
  RLock: (e) => reviveWith(e.descriptor, () => new RLock()),
  Semaphore: (e) => reviveWith(e.descriptor, () => new Semaphore()),
  BoundedSemaphore: (e) => reviveWith(e.descriptor, () => new BoundedSemaphore()),
  Event: (e) => reviveWith(e.descriptor, () => new Event()),
  Condition: (e) => reviveWith(e.descriptor, () => new Condition()),
  Queue: (e) => reviveWith(e.descriptor, () => new Queue()),
  SimpleQueue: (e) => reviveWith(e.descriptor, () => new SimpleQueue()),
  Barrier: (e) => {
    // A Barrier adopts its handle plus what travels with it: the action and default timeout.
    const extra = e.extra as { actionRef?: FnRef; timeout?: number };
    return constructWith({ handle: backend().revive(e.descriptor) as BarrierHandle, ...extra }, () => new Barrier(1));
  },
};

export function revivePrimitive(encoded: EncodedPrimitive): object {
  const reviver = REVIVERS[encoded.cls];
  if (reviver === undefined) throw new TypeError(`cannot revive a weft primitive of unknown class "${encoded.cls}"; is the sending side a different weft version?`);
  return reviver(encoded);
}
