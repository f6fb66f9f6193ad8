import type { PrimitiveDescriptor, PrimitiveHandle } from '@weft/spi';
import { backend } from '../internal/get-backend.js';
import { constructWith } from './handle-slot.js';

/** Build `construct()` around the handle that `descriptor` names in this process's backend. */
export function reviveWith<T>(descriptor: PrimitiveDescriptor, construct: () => T): T {
  const handle: PrimitiveHandle = backend().revive(descriptor);
  return constructWith(handle, construct);
}
