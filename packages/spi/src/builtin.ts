// Node built-ins that only some code paths need, loaded on first use. A worker thread that never
// forks should not pay for node:child_process (and the net and dgram modules it pulls in) while
// it starts: module loading is most of a worker's start-up time. node:module is one of them:
// loading it in a fresh worker also loads parts of the ESM loader (~1 ms).

interface LazyBuiltins {
  'node:child_process': typeof import('node:child_process');
  'node:module': typeof import('node:module');
  'node:net': typeof import('node:net');
  'node:os': typeof import('node:os');
  'node:v8': typeof import('node:v8');
  'node:worker_threads': typeof import('node:worker_threads');
}

/** each module once: some callers are on hot paths (a Queue item that needs v8.serialize) */
const loaded: Partial<LazyBuiltins> = {};

/** The built-in module `id`, loaded now if nothing has loaded it yet. */
export function builtin<K extends keyof LazyBuiltins>(id: K): LazyBuiltins[K] {
  return (loaded[id] ??= load(id));
}

function load<K extends keyof LazyBuiltins>(id: K): LazyBuiltins[K] {
  // process.getBuiltinModule is Node >= 20.16. Before it, weft runs from its CommonJS bundle
  // (core's dist/weft.cjs), where `require` is the loader's and finds built-ins too.
  const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (get !== undefined) return get(id) as LazyBuiltins[K];
  if (typeof require === 'function') return require(id) as LazyBuiltins[K];
  throw new Error(`weft could not load ${id}: this runtime has neither process.getBuiltinModule nor require; use Node >= 20.16`);
}
