// task(moduleUrl, fn): the recommended way to ship a function, like pickling a module-level
// function by name. The worker imports the module; the module's own top-level task() calls
// fill the registry there, so the worker finds the same function by (module, name).
// The registry lives on globalThis so the ESM and CJS copies of weft share it.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kTaskRef, type FnRef } from '@weft/spi';

type Registry = Map<string, Map<string, Function>>;
const REGISTRY_KEY = Symbol.for('weft.taskRegistry');
const registry: Registry = ((globalThis as Record<symbol, unknown>)[REGISTRY_KEY] as Registry | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[REGISTRY_KEY] = registry;
const anonymousCount = new Map<string, number>();

/** A module location as a normalised file URL string. */
export function moduleHref(where: string | URL, label: string): string {
  if (where instanceof URL) return where.href;
  if (typeof where !== 'string' || where === '') throw new TypeError(`${label} must be a module URL or file path (import.meta.url or __filename), got ${typeof where === 'string' ? 'an empty string' : typeof where}`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(where) && !/^[a-z]:[\\/]/i.test(where)) return new URL(where).href;
  if (!isAbsolute(where)) throw new TypeError(`${label} must be an absolute path or a URL, got ${JSON.stringify(where)}; pass import.meta.url or __filename`);
  return pathToFileURL(where).href;
}

export interface TaskOptions {
  /** the name the worker looks the function up by; defaults to fn.name */
  readonly name?: string;
}

/**
 * Mark `fn` as a task defined in `moduleUrl` (pass `import.meta.url`, or `__filename` in
 * CommonJS) and return it unchanged. Call it at the module's top level.
 */
export function task<F extends (...args: never[]) => unknown>(moduleUrl: string | URL, fn: F, options?: TaskOptions): F {
  const module = moduleHref(moduleUrl, 'task(): moduleUrl');
  if (typeof fn !== 'function') throw new TypeError(`task(): fn must be a function, got ${typeof fn}`);
  if (options?.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
    throw new TypeError('task(): options.name must be a non-empty string');
  }
  let name = options?.name ?? fn.name;
  if (name === '') {
    // An anonymous function gets a name by order of definition, the same in every worker.
    const n = (anonymousCount.get(module) ?? 0) + 1;
    anonymousCount.set(module, n);
    name = `<anonymous #${n}>`;
  }
  let byName = registry.get(module);
  if (byName === undefined) registry.set(module, (byName = new Map()));
  const existing = byName.get(name);
  if (existing !== undefined && existing !== fn) {
    throw new Error(
      `task(): ${module} already defines a task named "${name}"; two tasks in one module need different names — rename one function or pass task(url, fn, { name: "…" })`,
    );
  }
  byName.set(name, fn);
  const ref: FnRef = { kind: 'task', module, name };
  Object.defineProperty(fn, kTaskRef, { value: ref, enumerable: false, configurable: true });
  return fn;
}

export function lookupTask(module: string, name: string): Function | undefined {
  return registry.get(module)?.get(name);
}
