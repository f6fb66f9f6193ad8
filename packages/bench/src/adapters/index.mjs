// Every implementation the bench can run, with its table column, its kind (thread or process:
// ratios compare weft only with peers of the same kind) and how to open it as a pool.
// Pool adapters share one shape: { call(taskName, arg, transferList?) → PromiseLike, close() }.

export const IMPLS = {
  'weft-threads': { label: 'weft-t', kind: 'thread', role: 'weft', env: { WEFT_BACKEND: 'worker_threads' },
    open: async (o) => (await import('./weft.mjs')).open({ ...o, expectBackend: 'worker_threads' }) },
  'weft-process': { label: 'weft-p', kind: 'process', role: 'weft', env: { WEFT_BACKEND: 'child_process' },
    open: async (o) => (await import('./weft.mjs')).open({ ...o, expectBackend: 'child_process' }) },
  piscina: { label: 'piscina', kind: 'thread', role: 'peer',
    open: async (o) => (await import('./piscina.mjs')).open(o) },
  'tinypool-threads': { label: 'tiny-t', kind: 'thread', role: 'peer',
    open: async (o) => (await import('./tinypool.mjs')).open({ ...o, runtime: 'worker_threads' }) },
  'tinypool-process': { label: 'tiny-p', kind: 'process', role: 'peer',
    open: async (o) => (await import('./tinypool.mjs')).open({ ...o, runtime: 'child_process' }) },
  'workerpool-thread': { label: 'wpool-t', kind: 'thread', role: 'peer',
    open: async (o) => (await import('./workerpool.mjs')).open({ ...o, workerType: 'thread' }) },
  'workerpool-process': { label: 'wpool-p', kind: 'process', role: 'peer',
    open: async (o) => (await import('./workerpool.mjs')).open({ ...o, workerType: 'process' }) },
  'poolifier-thread': { label: 'pfier-t', kind: 'thread', role: 'peer',
    open: async (o) => (await import('./poolifier.mjs')).open({ ...o, type: 'thread' }) },
  'poolifier-cluster': { label: 'pfier-c', kind: 'process', role: 'peer',
    open: async (o) => (await import('./poolifier.mjs')).open({ ...o, type: 'cluster' }) },
  // Not pools: primitive peers and the machine's raw limits, measured by the families directly.
  'async-mutex': { label: 'amutex', kind: 'thread', role: 'peer' },
  'proper-lockfile': { label: 'lockf', kind: 'process', role: 'peer' },
  'raw-thread': { label: 'raw-t', kind: 'thread', role: 'raw' },
  'raw-process': { label: 'raw-p', kind: 'process', role: 'raw' },
};

export const POOL_IMPLS = Object.keys(IMPLS).filter((id) => IMPLS[id].open);

const reused = new Map(); // `${impl}/${workers}` → the open pool's promise

/**
 * A pool of `impl` with `options.workers` workers. With `options.reuse` (--quick), rows share one
 * pool per implementation and size instead of paying a pool's start (~0.2 s for a process pool)
 * in each: close() leaves it open for the next row, and closeReusedPools() ends them all.
 */
export function openPool(impl, { reuse = false, ...options }) {
  const entry = IMPLS[impl];
  if (!entry?.open) throw new Error(`bench: "${impl}" is not a pool implementation (pools: ${POOL_IMPLS.join(', ')})`);
  if (!reuse) return entry.open(options);
  const key = `${impl}/${options.workers}`;
  if (!reused.has(key)) reused.set(key, entry.open(options));
  return reused.get(key).then((pool) => ({ ...pool, close: async () => {} }));
}

export async function closeReusedPools() {
  const pools = await Promise.all(reused.values());
  reused.clear();
  await Promise.all(pools.map((p) => p.close()));
}
