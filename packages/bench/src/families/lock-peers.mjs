// The primitive peers: async-mutex (an in-thread async lock: the bar for an uncontended weft
// Lock) and proper-lockfile (a cross-process lock on the file system: the bar for a contended
// child_process Lock). Cases: async-mutex-uncontended (ops/s), lockfile-roundtrip (mean
// µs of one uncontended lock+unlock), lockfile-contended (two processes, one counter file, ops/s).
import { Mutex } from 'async-mutex';
import lockfile from 'proper-lockfile';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { repeat } from '../harness/repeat.mjs';
import { contendedRound, withCounterFile } from '../harness/counter-file.mjs';

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
      return await repeat({ reps, warmup }, async () => ({
        'lock.contended': await contendedRound(cs, path, params.n, 'proper-lockfile'),
      }));
    } finally {
      await Promise.all(cs.map((c) => (c.exitCode === null ? (c.kill(), once(c, 'exit')) : null)));
    }
  });
}
