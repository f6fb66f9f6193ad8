// describe() → postMessage → revive(): a handle on the same shared memory in this thread.
import type { PrimitiveDescriptor, PrimitiveHandle } from '@weft/spi';
import { SabBarrier } from './sab/barrier.js';
import { SabCondition } from './sab/condition.js';
import { kBackendName, type ThreadsDescriptor } from './sab/descriptors.js';
import { SabEvent } from './sab/event.js';
import { SabMutexLock } from './sab/mutex-lock.js';
import { SabQueue } from './sab/queue.js';
import { reviveSemLock } from './sab/sem-lock.js';

export function revive(descriptor: PrimitiveDescriptor): PrimitiveHandle {
  if (descriptor?.backend !== kBackendName) {
    throw new TypeError(
      `worker_threads backend: cannot revive a descriptor made by backend ${JSON.stringify(descriptor?.backend)}; ` +
        'a primitive only works with the backend that created it',
    );
  }
  const d = descriptor as ThreadsDescriptor;
  switch (d.type) {
    case 'semlock':
      return reviveSemLock(d);
    case 'event':
      return SabEvent.revive(d);
    case 'condition': {
      const lock = reviveSemLock(d.lock);
      if (!(lock instanceof SabMutexLock)) throw new TypeError('worker_threads backend: a condition descriptor must carry a lock or rlock');
      return SabCondition.revive(d, lock);
    }
    case 'barrier':
      return SabBarrier.revive(d);
    case 'queue':
      return SabQueue.revive(d);
    default:
      throw new TypeError(`worker_threads backend: unknown primitive type ${JSON.stringify((d as { type?: unknown }).type)}`);
  }
}
