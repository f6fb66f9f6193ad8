// Load a FnRef into a callable, in whichever thread/process runs it; cached per ref key.
import { builtin, ClosureError, type FnRef } from '@weft/spi';
import { importTaskModule } from '../worker-runtime/import-guard.js';
import { lookupTask } from './task-registry.js';

const SOURCE_URL_PREFIX = 'weft-source:';
const loaded = new Map<string, Promise<Function>>();

export function refKey(ref: FnRef): string {
  return ref.kind === 'source' ? `source:${ref.source}` : `${ref.kind}:${ref.module}#${ref.name}`;
}

export function loadFn(ref: FnRef): Promise<Function> {
  const key = refKey(ref);
  let p = loaded.get(key);
  if (p === undefined) {
    p = loadUncached(ref);
    loaded.set(key, p);
    p.catch(() => loaded.delete(key)); // a failed load may succeed later (e.g. file fixed)
  }
  return p;
}

async function loadUncached(ref: FnRef): Promise<Function> {
  if (ref.kind === 'source') return compileSource(ref.source, ref.name);
  let mod: Record<string, unknown>;
  try {
    mod = (await importTaskModule(ref.module)) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof Error && err.message.includes('while a worker was importing the task module')) throw err;
    throw new Error(`could not import task module ${ref.module}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (ref.kind === 'task') {
    const fn = lookupTask(ref.module, ref.name);
    if (fn === undefined) {
      throw new Error(
        `task "${ref.name}" was not registered by ${ref.module}: call task(import.meta.url, fn) at the module's top level (not inside a function or behind a condition), so importing the module defines it`,
      );
    }
    return fn;
  }
  let value = mod[ref.name];
  // A CommonJS module's exports arrive as `default` when imported from ESM.
  if (value === undefined && ref.name !== 'default' && typeof mod.default === 'object' && mod.default !== null) {
    value = (mod.default as Record<string, unknown>)[ref.name];
  }
  if (typeof value !== 'function') {
    throw new TypeError(`${ref.module} has no exported function "${ref.name}" (found ${value === undefined ? 'nothing' : typeof value}); export it, or pass { module, name } with the right name`);
  }
  return value as Function;
}

const identityName = <T>(f: T): T => f; // esbuild's __name(fn, "name") helper, harmless here

function compileSource(source: string, name: string): Function {
  const label = `${SOURCE_URL_PREFIX}${name || 'anonymous'}`;
  const req = builtin('node:module').createRequire(`${process.cwd()}/`);
  const attempts = [`return (${source}\n);`, `return ({ ${source}\n })[${JSON.stringify(name)}];`]; // 2nd: method shorthand "f(x) {…}"
  let lastError: unknown;
  for (const body of attempts) {
    try {
      const factory = new Function('__name', 'require', `${body}\n//# sourceURL=${label}`) as (n: typeof identityName, r: NodeRequire) => unknown;
      const fn = factory(identityName, req);
      if (typeof fn === 'function') return wrapClosureErrors(fn, name, label);
    } catch (err) {
      lastError = err;
    }
  }
  throw new SyntaxError(`the function ${name || '(anonymous)'} could not be rebuilt from its source in the worker: ${lastError instanceof Error ? lastError.message : String(lastError)}; define it with task(import.meta.url, fn) instead`);
}

/** Turn "x is not defined" raised inside source-shipped code into a ClosureError that says why. */
function wrapClosureErrors(fn: Function, name: string, label: string): Function {
  const explain = (err: unknown): never => {
    if (err instanceof ReferenceError && typeof err.stack === 'string' && err.stack.includes(label)) {
      const variable = /^(\S+) is not defined/.exec(err.message)?.[1] ?? 'a variable';
      throw new ClosureError(
        `the function ${name || '(anonymous)'} was sent to the worker as source code, so it cannot see "${variable}" from the scope where it was written (${err.message}); pass ${variable} as an argument, or define the function with task(import.meta.url, fn) in a module`,
        { cause: err },
      );
    }
    throw err;
  };
  return function (this: unknown, ...args: unknown[]) {
    try {
      const r = fn.apply(this, args) as unknown;
      if (r !== null && typeof r === 'object' && typeof (r as PromiseLike<unknown>).then === 'function') {
        return (r as Promise<unknown>).then(undefined, explain);
      }
      return r;
    } catch (err) {
      return explain(err);
    }
  };
}
