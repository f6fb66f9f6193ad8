// Descriptors of this backend's primitives: who owns the state (tree address), under which
// id, the static parameters, and the state when it was described (the first snapshot).
import type { PrimitiveDescriptor, SemLockKind } from '@weft/spi';
import type { Address } from '../tree/address.js';

export const BACKEND = 'child_process';

interface Base extends PrimitiveDescriptor {
  readonly backend: typeof BACKEND;
  readonly owner: Address;
  readonly id: string;
  readonly s: unknown;
}

export interface SemLockDescriptor extends Base {
  readonly type: 'semlock';
  readonly kind: SemLockKind;
  readonly value: number;
  readonly max: number;
}
export interface EventDescriptor extends Base {
  readonly type: 'event';
}
export interface ConditionDescriptor extends Base {
  readonly type: 'condition';
  readonly lock: SemLockDescriptor;
}
export interface BarrierDescriptor extends Base {
  readonly type: 'barrier';
  readonly parties: number;
}
export interface QueueDescriptor extends Base {
  readonly type: 'queue';
  readonly maxsize: number;
}

export type ChildProcessDescriptor = SemLockDescriptor | EventDescriptor | ConditionDescriptor | BarrierDescriptor | QueueDescriptor;

export function isChildProcessDescriptor(d: PrimitiveDescriptor): d is ChildProcessDescriptor {
  return d.backend === BACKEND && typeof d.owner === 'string' && typeof d.id === 'string';
}
