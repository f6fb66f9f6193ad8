// The descriptors describe() returns: plain data plus the primitive's SharedArrayBuffers, so
// they survive postMessage/structured clone and revive() can rebuild a handle on the same
// memory in any thread of the process.
import type { SemLockKind } from '@weft/spi';

export const kBackendName = 'worker_threads';

export interface SemLockDescriptor {
  readonly backend: typeof kBackendName;
  readonly type: 'semlock';
  readonly kind: SemLockKind;
  readonly max: number;
  readonly buffer: SharedArrayBuffer;
  readonly [key: string]: unknown;
}

export interface EventDescriptor {
  readonly backend: typeof kBackendName;
  readonly type: 'event';
  readonly buffer: SharedArrayBuffer;
  readonly [key: string]: unknown;
}

export interface ConditionDescriptor {
  readonly backend: typeof kBackendName;
  readonly type: 'condition';
  readonly buffer: SharedArrayBuffer;
  readonly lock: SemLockDescriptor;
  readonly [key: string]: unknown;
}

export interface BarrierDescriptor {
  readonly backend: typeof kBackendName;
  readonly type: 'barrier';
  readonly parties: number;
  readonly buffer: SharedArrayBuffer;
  readonly [key: string]: unknown;
}

export interface QueueDescriptor {
  readonly backend: typeof kBackendName;
  readonly type: 'queue';
  readonly maxsize: number;
  readonly control: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
  readonly [key: string]: unknown;
}

export type ThreadsDescriptor = SemLockDescriptor | EventDescriptor | ConditionDescriptor | BarrierDescriptor | QueueDescriptor;
