// Node built-ins that only some code paths need, loaded on first use. A worker thread that never
// forks should not pay for node:child_process (and the net and dgram modules it pulls in) while
// it starts: module loading is most of a worker's start-up time.
import { createRequire } from 'node:module';

interface LazyBuiltins {
  'node:child_process': typeof import('node:child_process');
  'node:net': typeof import('node:net');
  'node:os': typeof import('node:os');
  'node:v8': typeof import('node:v8');
  'node:worker_threads': typeof import('node:worker_threads');
}

let req: NodeRequire | undefined;
/** each module once: some callers are on hot paths (a Queue item that needs v8.serialize) */
const loaded: Partial<LazyBuiltins> = {};

/** The built-in module `id`, loaded now if nothing has loaded it yet. */
export function builtin<K extends keyof LazyBuiltins>(id: K): LazyBuiltins[K] {
  return (loaded[id] ??= load(id));
}

function load<K extends keyof LazyBuiltins>(id: K): LazyBuiltins[K] {
  // process.getBuiltinModule is Node >= 20.16; a require from any directory finds built-ins
  const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  return (get !== undefined ? get(id) : (req ??= createRequire(`${process.cwd()}/`))(id)) as LazyBuiltins[K];
}
