// Which shared-memory primitives this thread knows of, so that when a worker it spawned dies
// (ThreadWorker's exit), whatever that worker still held can be given back and its waiters
// woken. Handles register themselves when created or revived in this thread; the registry
// holds them weakly, so it never keeps a primitive alive.
//
// Limit: a primitive this thread never created nor revived is not scanned. A worker that
// received a Lock from a sibling (never from this thread) and died holding it is only
// recovered if some ancestor that spawned it also knows that Lock.
//
// The registry lives on globalThis under a Symbol.for key so that the ESM and CJS copies of
// this package, if both are loaded, share one.

export interface ReleasesDeadHolders {
  /** Give back what `holderId` (threadId + 1 of a dead thread) still holds; wake waiters. */
  releaseHeldBy(holderId: number): void;
}

interface Registry {
  readonly refs: Set<WeakRef<ReleasesDeadHolders>>;
  readonly finalizer: FinalizationRegistry<WeakRef<ReleasesDeadHolders>>;
}

const kRegistryKey = Symbol.for('weft.worker-threads.deadHolderRegistry');

function registry(): Registry {
  const host = globalThis as typeof globalThis & { [kRegistryKey]?: Registry };
  let r = host[kRegistryKey];
  if (r === undefined) {
    const refs = new Set<WeakRef<ReleasesDeadHolders>>();
    r = { refs, finalizer: new FinalizationRegistry((ref) => refs.delete(ref)) };
    host[kRegistryKey] = r;
  }
  return r;
}

/** Remember a handle (weakly) so a dead holder's share of it can be released. */
export function trackForDeadHolders(handle: ReleasesDeadHolders): void {
  const r = registry();
  const ref = new WeakRef(handle);
  r.refs.add(ref);
  r.finalizer.register(handle, ref);
}

/** Release everything `holderId` held in every primitive this thread knows of. */
export function releaseEverythingHeldBy(holderId: number): void {
  const r = registry();
  for (const ref of r.refs) {
    const handle = ref.deref();
    if (handle === undefined) r.refs.delete(ref);
    else handle.releaseHeldBy(holderId);
  }
}
