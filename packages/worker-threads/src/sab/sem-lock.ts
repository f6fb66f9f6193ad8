// One entry point for the SPI's SemLock: a Lock/RLock is an owner word (mutex-lock.ts), a
// Semaphore/BoundedSemaphore a shared count (counting-semaphore.ts).
import type { SemLockParams } from '@weft/spi';
import { SabCountingSemaphore, kMaxSemaphoreValue } from './counting-semaphore.js';
import type { SemLockDescriptor } from './descriptors.js';
import { SabMutexLock } from './mutex-lock.js';

export type SabSemLock = SabMutexLock | SabCountingSemaphore;

export function createSemLock(params: SemLockParams): SabSemLock {
  const { kind, value, max } = params;
  if (kind === 'lock' || kind === 'rlock') return SabMutexLock.create(kind);
  if (kind !== 'semaphore') throw new TypeError(`createSemLock(): kind must be "lock", "rlock" or "semaphore", got ${String(kind)}`);
  if (!Number.isInteger(value) || value < 0 || value > kMaxSemaphoreValue) {
    throw new RangeError(`createSemLock(): value must be an integer from 0 to ${kMaxSemaphoreValue}, got ${value}`);
  }
  if (!(max >= value)) throw new RangeError(`createSemLock(): max must be >= value (${value}), got ${max}`);
  return SabCountingSemaphore.create(value, max);
}

export function reviveSemLock(descriptor: SemLockDescriptor): SabSemLock {
  return descriptor.kind === 'semaphore' ? SabCountingSemaphore.revive(descriptor) : SabMutexLock.revive(descriptor);
}
