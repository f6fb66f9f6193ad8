// The primitive peers: async-mutex (an in-thread async lock: the bar for an uncontended weft
// Lock) and proper-lockfile (a cross-process lock on the file system: the bar for a contended
// child_process Lock). Cases: async-mutex-uncontended (ops/s), lockfile-roundtrip (mean
// µs of one uncontended lock+unlock), lockfile-contended (two processes, one counter file, ops/s).
import { Mutex } from 'async-mutex';
import lockfile from 'proper-lockfile';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, repeat } from '../harness/repeat.mjs';
import { nextReport } from './raw-ipc.mjs';

const contender = fileURLToPath(new URL('../workers/lockfile-child.mjs', import.meta.url));

export async function measure({ caseId, params, reps, warmup, workers }) {
  const run = { 'async-mutex-uncontended': mutexUncontended, 'lockfile-roundtrip': lockfileRoundTrip,
    'lockfile-contended': lockfileContended }[caseId];
  if (!run) throw new Error(`lock-peers: unknown case ${caseId}`);
  return { samples: await run({ params, reps, warmup, workers }) };
}

async function mutexUncontended({ params, reps, warmup }) {
  const mutex = new Mutex();
  return repeat({ reps, warmup }, async () => {
    const t0 = performance.now();
    for (let i = 0; i < params.ops; i++) {
      const release = await mutex.acquire();
      release();
    }
    return { 'lock.uncontended': params.ops / ((performance.now() - t0) / 1000) };
  });
}

async function withCounterFile(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
  const path = join(dir, 'counter');
  writeFileSync(path, Buffer.alloc(8));
  try {
    return await fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function lockfileRoundTrip({ params, reps, warmup }) {
  return withCounterFile((path) =>
    repeat({ reps, warmup }, async () => {
      const t0 = performance.now();
      for (let i = 0; i < params.n; i++) {
        const release = await lockfile.lock(path, { realpath: false });
        await release();
      }
      return { 'lock.rt': ((performance.now() - t0) * 1000) / params.n }; // mean µs per lock+unlock
    }),
  );
}

async function lockfileContended({ params, reps, warmup, workers }) {
  return withCounterFile(async (path) => {
    const cs = Array.from({ length: workers }, () => fork(contender, [path, String(params.n)], { stdio: 'inherit' }));
    try {
      await Promise.all(cs.map((c) => once(c, 'message'))); // 'ready'
      return await repeat({ reps, warmup }, async () => {
        writeFileSync(path, Buffer.alloc(8));
        const done = cs.map((c) => nextReport(c));
        for (const c of cs) c.send('go');
        const times = await Promise.all(done);
        const total = readFileSync(path).readDoubleLE(0);
        check(total === workers * params.n, `proper-lockfile: counter ${total}, expected ${workers * params.n}`);
        return { 'lock.contended': (workers * params.n) / (Math.max(...times) / 1000) };
      });
    } finally {
      await Promise.all(cs.map((c) => (c.exitCode === null ? (c.kill(), once(c, 'exit')) : null)));
    }
  });
}
