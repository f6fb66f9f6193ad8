// Node >= 22.1 can cache compiled code on disk. An application that turns the cache on with
// module.enableCompileCache() has it in its own thread only: Node hands it to new threads and
// processes only through NODE_COMPILE_CACHE. Workers compile the same code (weft's and the
// task modules), and compiling is most of a worker's start-up, so pass the directory on.
import { basename, dirname } from 'node:path';
import { builtin } from './builtin.js';

type CacheDirGetter = () => string | undefined;

/** module.getCompileCacheDir where Node has it (22.8+): the directory, or undefined when off. */
function nodeGetter(): CacheDirGetter | undefined {
  return (builtin('node:module') as { getCompileCacheDir?: CacheDirGetter }).getCompileCacheDir;
}

/**
 * What a worker's environment must add so that it uses this thread's compile cache: nothing when
 * the cache is off, or when NODE_COMPILE_CACHE already says where it is (the worker inherits that).
 */
export function compileCacheEnv(
  env: NodeJS.ProcessEnv = process.env,
  getDir: CacheDirGetter | undefined = nodeGetter(),
): { NODE_COMPILE_CACHE: string } | undefined {
  if (getDir === undefined || env.NODE_COMPILE_CACHE !== undefined) return undefined;
  const dir = getDir();
  if (dir === undefined || dir === '') return undefined;
  // Node keeps each build's cache in a subdirectory named after it (v22.23.3-x64-…) and reports
  // that; given it as NODE_COMPILE_CACHE, a worker would nest another and never share the cache.
  const own = basename(dir).startsWith(`v${process.versions.node}-`);
  return { NODE_COMPILE_CACHE: own ? dirname(dir) : dir };
}
