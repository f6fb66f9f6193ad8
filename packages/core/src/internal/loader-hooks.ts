// What core asks of dist/load.cjs when it runs from its bundle (see src/loader/load.ts). From
// source (core's own tests) there is no loader, and each falls back to doing without.
//
// Every dynamic import() in core goes through importModule(): on Node 20 a script restored from
// a V8 code cache loses its import() callback ("A dynamic import callback was not specified"),
// so the loader, a module Node loaded itself, imports on the bundle's behalf.

import { builtin } from '@weft/spi';

/** The loader's side, handed to the bundle as a parameter of its wrapper. */
export interface LoaderHooks {
  import(specifier: string): Promise<unknown>;
  /** require() of an absolute path, without loading node:module for createRequire (~1 ms of a worker's start) */
  require(path: string): unknown;
  /** a worker sent its first results: the code its start-up needs is compiled by now */
  startedUp(): void;
}
declare const __weftLoader: LoaderHooks | undefined;

const hooks = typeof __weftLoader === 'object' ? __weftLoader : undefined;

/** import(specifier), by the loader when core runs from its bundle. */
export function importModule(specifier: string): Promise<unknown> {
  return hooks !== undefined ? hooks.import(specifier) : import(specifier);
}

/** require() of an absolute path: by the loader from the bundle, by createRequire from source. */
export function requireModule(path: string): unknown {
  return hooks !== undefined ? hooks.require(path) : builtin('node:module').createRequire(path)(path);
}

/** Tell the loader this worker has started up (it then caches what start-up compiled). */
export function startedUp(): void {
  hooks?.startedUp();
}
