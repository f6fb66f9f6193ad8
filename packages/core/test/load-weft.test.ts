// dist/load.cjs: the bundle is evaluated once per thread or process, through a V8 code cache on
// disk. These run real Node processes against the built dist (as a user's program loads it)
// with the cache in a directory of the test's own.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/** A program that starts a one-thread pool, runs a task, and prints what it got. */
const POOL_PROGRAM = `
  const { WorkerPoolExecutor } = require(${JSON.stringify(join(dist, 'index.cjs'))});
  const pool = new WorkerPoolExecutor({ maxWorkers: 1 });
  pool.submit((x) => x * 2, 21).result().then(async (r) => { console.log(r); await pool.shutdown(); });
`;

async function node(program: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await run(process.execPath, ['-e', program], { env: { ...process.env, WEFT_BACKEND: 'worker_threads', ...env } });
  return stdout.trim();
}

/** name → mtime (ms) of every cache file in `dir` */
function caches(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of readdirSync(dir)) out[f.replace(/^weft-[0-9a-f]{8}\./, '')] = statSync(join(dir, f)).mtimeMs;
  return out;
}

describe('loading the bundle through a code cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'weft-load-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('the first load writes the early cache, a worker its late one after its first results; later loads only read them', async () => {
    const cacheDir = join(dir, 'cache');
    expect(await node(POOL_PROGRAM, { WEFT_COMPILE_CACHE: cacheDir })).toBe('42');
    const first = caches(cacheDir);
    expect(Object.keys(first).sort()).toEqual(['early.v8cache', 'late.v8cache']);

    expect(await node(POOL_PROGRAM, { WEFT_COMPILE_CACHE: cacheDir })).toBe('42');
    // Accepted by V8, so not written again: no temporary files left either.
    expect(caches(cacheDir)).toEqual(first);
  });

  test('a cache V8 rejects is replaced, and the program runs the same', async () => {
    const cacheDir = join(dir, 'cache');
    await node(POOL_PROGRAM, { WEFT_COMPILE_CACHE: cacheDir });
    const [late] = readdirSync(cacheDir).filter((f) => f.endsWith('.late.v8cache'));
    writeFileSync(join(cacheDir, late!), 'not a code cache');
    const before = statSync(join(cacheDir, late!)).size;

    expect(await node(POOL_PROGRAM, { WEFT_COMPILE_CACHE: cacheDir })).toBe('42');
    expect(statSync(join(cacheDir, late!)).size).toBeGreaterThan(before * 100);
  });

  test("writing a new cache drops other builds' caches nobody wrote for two weeks, and keeps the rest", async () => {
    const cacheDir = join(dir, 'cache');
    mkdirSync(cacheDir);
    const month = (Date.now() - 30 * 24 * 3600 * 1000) / 1000;
    writeFileSync(join(cacheDir, 'weft-0badc0de.early.v8cache'), 'old build');
    utimesSync(join(cacheDir, 'weft-0badc0de.early.v8cache'), month, month);
    writeFileSync(join(cacheDir, 'weft-0badc0de.late.v8cache'), 'old build, read lately');
    writeFileSync(join(cacheDir, 'unrelated.txt'), 'not ours');
    utimesSync(join(cacheDir, 'unrelated.txt'), month, month);

    await node(POOL_PROGRAM, { WEFT_COMPILE_CACHE: cacheDir });
    const left = readdirSync(cacheDir);
    expect(left).not.toContain('weft-0badc0de.early.v8cache');
    expect(left).toContain('weft-0badc0de.late.v8cache');
    expect(left).toContain('unrelated.txt');
  });

  test('WEFT_COMPILE_CACHE=0 writes nothing', async () => {
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    expect(await node(POOL_PROGRAM, { WEFT_COMPILE_CACHE: '0', TMPDIR: tmp })).toBe('42');
    expect(readdirSync(tmp)).toEqual([]);
  });

  test('a cache directory that cannot be made only means compiling as usual', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    expect(await node(POOL_PROGRAM, { WEFT_COMPILE_CACHE: join(dir, 'a-file', 'cache') })).toBe('42');
  });

  test('the default directory is not used while others may write to it', async () => {
    const tmp = join(dir, 'tmp');
    const shared = join(tmp, `weft-compile-cache-${process.getuid?.() ?? 'user'}`);
    mkdirSync(shared, { recursive: true });
    chmodSync(shared, 0o777);
    expect(await node(POOL_PROGRAM, { TMPDIR: tmp })).toBe('42');
    expect(readdirSync(shared)).toEqual([]);

    chmodSync(shared, 0o700);
    expect(await node(POOL_PROGRAM, { TMPDIR: tmp })).toBe('42');
    expect(Object.keys(caches(shared)).sort()).toEqual(['early.v8cache', 'late.v8cache']);
  });

  test('import and require give the same copy of weft', async () => {
    const program = `
      const required = require(${JSON.stringify(join(dist, 'index.cjs'))});
      import(${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)}).then((imported) => {
        const names = Object.keys(required);
        console.log(names.length > 40 && names.every((n) => imported[n] === required[n]));
      });
    `;
    expect(await node(program, { WEFT_COMPILE_CACHE: '0' })).toBe('true');
  });
});
