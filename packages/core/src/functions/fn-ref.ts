// Turn what the user passed as "the function" into a FnRef the worker can load.
import { kTaskRef, type FnRef } from '@weft/spi';
import { moduleHref } from './task-registry.js';

/** `{ module, name? }`: that module's export (default when name is absent). */
export interface ModuleRef {
  readonly module: string | URL;
  readonly name?: string;
}
/** Anything accepted where a function is expected. */
export type Callable<A extends unknown[] = never[], R = unknown> = ((...args: A) => R) | ModuleRef;

export interface ResolvedFn {
  readonly ref: FnRef;
  /** identity of the function for per-worker caching */
  readonly key: string;
}

const cache = new WeakMap<Function, ResolvedFn>();
/** a `{ module, name }` object passed again: resolved once, kept with what it said then */
const moduleRefs = new WeakMap<object, { module: unknown; name: unknown; resolved: ResolvedFn }>();
/**
 * Plain functions by their source. A closure written in the call, `submit((x) => x + 1, i)`, is
 * a new object every time: adding each one to the WeakMap costs ~1 µs, reading its source
 * ~0.05 µs. Bounded, oldest first out, for programs that build functions from strings.
 */
const bySource = new Map<string, ResolvedFn>();
const MAX_SOURCES = 1024;

export function resolveFn(fn: unknown, label: string): ResolvedFn {
  if (typeof fn === 'function') {
    let resolved = cache.get(fn);
    if (resolved !== undefined) return resolved;
    if ((fn as { [kTaskRef]?: unknown })[kTaskRef] === undefined) {
      const source = Function.prototype.toString.call(fn);
      const seen = bySource.get(source);
      if (seen !== undefined && seen.ref.kind === 'source' && seen.ref.name === fn.name) return seen;
      resolved = resolveUncached(fn, label, source);
      if (bySource.size >= MAX_SOURCES) bySource.delete(bySource.keys().next().value!);
      bySource.set(source, resolved);
    } else {
      resolved = resolveUncached(fn, label);
    }
    cache.set(fn, resolved);
    return resolved;
  }
  if (typeof fn === 'object' && fn !== null) {
    // Reused reference objects are the common case (one per task kind); the object may have
    // been changed since, so it is reused only while its fields are the same strings (a URL
    // object can change in place, so a reference holding one is resolved every time).
    const { module, name } = fn as Partial<ModuleRef>;
    const seen = moduleRefs.get(fn);
    if (seen !== undefined && seen.module === module && seen.name === name) return seen.resolved;
    const resolved = resolveUncached(fn, label);
    if (typeof module === 'string') moduleRefs.set(fn, { module, name, resolved });
    return resolved;
  }
  return resolveUncached(fn, label);
}

function resolveUncached(fn: unknown, label: string, source?: string): ResolvedFn {
  if (typeof fn === 'function') {
    const marked = (fn as { [kTaskRef]?: Extract<FnRef, { kind: 'task' }> })[kTaskRef];
    if (marked !== undefined) return { ref: marked, key: `task:${marked.module}#${marked.name}` };
    source ??= Function.prototype.toString.call(fn);
    if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
      throw new TypeError(`${label}: ${fn.name || 'the function'} is a built-in or bound function, which cannot be sent to a worker; wrap it in a function of your own, e.g. (x) => Math.sqrt(x)`);
    }
    if (/^class[\s{]/.test(source)) throw new TypeError(`${label}: a class cannot be sent to a worker as a task; pass a function`);
    return { ref: { kind: 'source', source, name: fn.name }, key: `source:${source}` };
  }
  if (typeof fn === 'object' && fn !== null && 'module' in fn) {
    const { module, name } = fn as ModuleRef;
    if (name !== undefined && (typeof name !== 'string' || name === '')) throw new TypeError(`${label}: { module, name }: name must be a non-empty string`);
    const href = moduleHref(module, `${label}: { module }`);
    const exportName = name ?? 'default';
    return { ref: { kind: 'module', module: href, name: exportName }, key: `module:${href}#${exportName}` };
  }
  throw new TypeError(`${label}: expected a function, a task() function or a { module, name } reference, got ${fn === null ? 'null' : typeof fn}`);
}
