// weft's primitives. Cases:
//   lock-uncontended  acquire/release on the creating thread (ops/s)
//   lock-roundtrip    acquire+release from inside a pool worker, timed there (µs per op)
//   lock-contended    two workers increment one counter under one Lock (ops/s, exact count);
//                     shared memory on worker_threads, a file on child_process
//   queue             one worker puts N items into a Queue, another gets them (items/s)
import { Barrier, Lock, Queue, getBackend } from '@weft/core';
import { openPool } from '../adapters/index.mjs';
import { readCounter, withCounterFile } from '../harness/counter-file.mjs';
import { check, repeat } from '../harness/repeat.mjs';
import * as prim from '../workers/weft-primitive-tasks.mjs';

export async function measure({ impl, caseId, params, reps, warmup, workers, reusePools: reuse }) {
  if (caseId === 'lock-uncontended') return { samples: await repeat({ reps, warmup }, () => uncontended(params)) };
  const pool = await openPool(impl, { workers, reuse });
  try {
    const run = { 'lock-roundtrip': roundTrip, 'lock-contended': contended, queue }[caseId];
    if (!run) throw new Error(`weft-primitives: unknown case ${caseId}`);
    return { samples: await repeat({ reps, warmup }, () => run(pool.pool, params, workers)) };
  } finally {
    await pool.close();
  }
}

async function uncontended({ ops }) {
  const lock = new Lock();
  const t0 = performance.now();
  for (let i = 0; i < ops; i++) {
    await lock.acquire();
    lock.release();
  }
  return { 'lock.uncontended': ops / ((performance.now() - t0) / 1000) };
}

async function roundTrip(pool, { n }) {
  const r = await pool.submit(prim.lockRoundTrip, { lock: new Lock(), n });
  return { 'lock.rt': (r.ms * 1000) / n }; // mean µs per acquire+release
}

/** Both tasks must run at once on distinct workers, or the figure would not be contention. */
function checkTwoWorkers(results) {
  const idents = new Set(results.map((r) => r.ident));
  check(idents.size === results.length, `the ${results.length} tasks ran on ${idents.size} worker(s), not one each`);
}

async function contended(pool, { n }, workers) {
  const lock = new Lock();
  const barrier = new Barrier(workers);
  let results;
  let total;
  if (getBackend() === 'worker_threads') {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    results = await Promise.all(Array.from({ length: workers }, () => pool.submit(prim.incrementShared, { lock, counter, barrier, n })));
    total = counter[0];
  } else {
    await withCounterFile(async (path) => {
      results = await Promise.all(Array.from({ length: workers }, () => pool.submit(prim.incrementFile, { lock, path, barrier, n })));
      total = readCounter(path);
    });
  }
  checkTwoWorkers(results);
  check(total === workers * n, `weft Lock: counter ${total}, expected ${workers * n} — the Lock let two holders in`);
  return { 'lock.contended': (workers * n) / (Math.max(...results.map((r) => r.ms)) / 1000) };
}

async function queue(pool, { n }) {
  const q = new Queue();
  const barrier = new Barrier(2);
  const [put, got] = await Promise.all([
    pool.submit(prim.produce, { queue: q, barrier, n }),
    pool.submit(prim.consume, { queue: q, barrier, n }),
  ]);
  checkTwoWorkers([put, got]);
  check(got.sum === (n * (n - 1)) / 2, `weft Queue: consumer summed ${got.sum}, expected ${(n * (n - 1)) / 2}`);
  return { queue: n / (Math.max(put.ms, got.ms) / 1000) };
}

