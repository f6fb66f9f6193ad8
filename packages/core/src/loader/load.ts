// Built as CommonJS (dist/load.cjs): it uses __dirname and require, and both facades require it.
//
// Loads weft's bundle (dist/weft.cjs) once per thread or process, compiled through a V8 code
// cache kept on disk. Compiling core's ~270 KB is most of what a weft worker spends starting up
// beyond Node's own bootstrap (issue #5): 8.1 ms per thread without the cache, 4.1 ms with it.
// Node >= 22 has a compile cache of its own, but it is the application's to turn on; this one
// covers only weft's own code and needs nothing from the caller.
//
// Two caches per build of the bundle and Node:
// - "early", written by whichever thread first loads the bundle: its top-level code;
// - "late", written by a worker once it has sent its first results: also every function its
//   start-up compiled, which a later worker then does not compile again (~1.5 ms).
// A thread uses the late one when there is one.
//
// Where: WEFT_COMPILE_CACHE names a directory, or "0" turns the cache off; by default it is
// weft-compile-cache-<uid> in the OS temp directory, used only while it belongs to this user and
// nobody else may write to it. A cache V8 rejects (other flags) is written again; a failure to
// read or write one only means compiling as usual.
import * as nodeBuffer from 'node:buffer';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type { LoaderHooks } from '../internal/loader-hooks.js';

/** What dist/weft.cjs exports (src/bundle.ts). */
export interface WeftBundle {
  readonly api: Record<string, unknown>;
  readonly startWorker: () => Promise<void>;
}

type Wrapper = (
  exports: object,
  require: NodeRequire,
  module: { exports: object },
  filename: string,
  dirname: string,
  loader: LoaderHooks,
) => void;

// The wrapper starts on the bundle's first line, so stack traces keep its line numbers.
const HEAD = '(function (exports, require, module, __filename, __dirname, __weftLoader) {';
const TAIL = '\n})';

let loaded: WeftBundle | undefined;
/** set while this thread still owes the late cache */
let lateCache: { file: string; script: Script } | undefined;

/** weft's bundle, evaluated on the first call in this thread or process. */
export function loadWeft(): WeftBundle {
  return (loaded ??= evaluate(join(__dirname, 'weft.cjs')));
}

function evaluate(file: string): WeftBundle {
  const { source, caches } = readBundle(file);
  // The late cache when there is one, else the early one; one that V8 rejects is not retried.
  const late = caches === undefined ? undefined : readCache(caches.late);
  const early = caches === undefined || late !== undefined ? undefined : readCache(caches.early);
  const cachedData = late ?? early;
  const script = new Script(HEAD + source + TAIL, { filename: file, cachedData });
  const accepted = cachedData !== undefined && script.cachedDataRejected !== true;
  const from = !accepted ? undefined : late !== undefined ? 'late' : 'early';
  const module = { exports: {} };
  const hooks: LoaderHooks = { import: importFromHere, require, startedUp };
  (script.runInThisContext() as Wrapper).call(module.exports, module.exports, require, module, file, __dirname, hooks);
  if (caches !== undefined) {
    // (A rejected late cache is replaced at once, or it would be read, and rejected, every time.)
    if (from === undefined) {
      writeCache(late !== undefined ? caches.late : caches.early, script);
      pruneStale(dirname(caches.early), basename(caches.early));
    }
    if (from !== 'late') lateCache = { file: caches.late, script };
  }
  return module.exports as WeftBundle;
}

/** A module Node loaded (this one) can import(); the bundle, restored from a cache, cannot. */
function importFromHere(specifier: string): Promise<unknown> {
  return import(specifier);
}

function startedUp(): void {
  const owed = lateCache;
  if (owed === undefined) return;
  lateCache = undefined;
  // Now, not later: a pool shut down at once would end this thread before a deferred write.
  // The results are already on their way; this delays only this worker's next task, once.
  writeCache(owed.file, owed.script);
}

function readBundle(file: string): { source: string; caches: { early: string; late: string } | undefined } {
  const fd = openSync(file, 'r');
  try {
    const source = decode(readFileSync(fd));
    const dir = cacheDir();
    if (dir === undefined) return { source, caches: undefined };
    const stat = fstatSync(fd);
    // V8 rejects a cache made under other flags: keep one per set of flags rather than fight.
    const flags = `${process.execArgv.join(' ')}|${process.env.NODE_OPTIONS ?? ''}`;
    const stem = join(dir, `weft-${fnv1a(`${process.version}|${process.arch}|${flags}|${file}|${stat.size}|${stat.mtimeMs}`)}`);
    return { source, caches: { early: `${stem}.early.v8cache`, late: `${stem}.late.v8cache` } };
  } finally {
    closeSync(fd);
  }
}

/**
 * The bundle is ASCII (esbuild escapes everything else), and a one-byte decode of it costs a
 * fresh worker ~0.7 ms less than UTF-8 (1.25 against 1.9 ms, file read included).
 */
function decode(bytes: Buffer): string {
  const { isAscii } = nodeBuffer as { isAscii?: (input: Buffer) => boolean };
  return bytes.toString(isAscii !== undefined && isAscii(bytes) ? 'latin1' : 'utf8');
}

/** The cache directory, or undefined when the cache is off or its directory is not safe. */
function cacheDir(): string | undefined {
  const setting = process.env.WEFT_COMPILE_CACHE;
  if (setting === '0' || setting === 'off') return undefined;
  const chosen = setting !== undefined && setting !== '';
  const uid = process.getuid?.();
  const dir = chosen ? setting : join(tmpdir(), `weft-compile-cache-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (chosen) return dir;
    // Code from the cache runs as this user: never take it from a shared directory that someone
    // else made, or that others may write to.
    const st = statSync(dir);
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file: string, script: Script): void {
  try {
    // Threads may write the same file at the same moment: each writes a temporary file of its
    // own and renames it into place, so a reader sees a whole cache or none.
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // A read-only or full disk: the next start compiles again, as it would without a cache.
  }
}

/** Caches of other builds or Node versions are never read again: drop those nobody wrote lately. */
const STALE_MS = 14 * 24 * 3600 * 1000;

function pruneStale(dir: string, keep: string): void {
  const stem = keep.slice(0, keep.indexOf('.'));
  try {
    for (const name of readdirSync(dir)) {
      if (!name.startsWith('weft-') || name.startsWith(stem)) continue;
      const path = join(dir, name);
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
    }
  } catch {
    // Another thread pruned first, or the directory is not ours to tidy: either way, fine.
  }
}

/** 32-bit FNV-1a of a string, as 8 hex digits: names the cache files, checks nothing. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
