// Registry of the core primitive classes, so a descriptor that arrives from another worker
// becomes an instance of the same public class here.
import type { EncodedPrimitive } from '../codec/encode.js';

type Reviver = (encoded: EncodedPrimitive) => object;
const revivers = new Map<string, Reviver>();

export function registerReviver(cls: string, reviver: Reviver): void {
  revivers.set(cls, reviver);
}

export function revivePrimitive(encoded: EncodedPrimitive): object {
  const reviver = revivers.get(encoded.cls);
  if (reviver === undefined) throw new TypeError(`cannot revive a weft primitive of unknown class "${encoded.cls}"; is the sending side a different weft version?`);
  return reviver(encoded);
}
