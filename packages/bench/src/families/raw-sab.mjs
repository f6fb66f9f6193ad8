// Raw limits of shared memory: SharedArrayBuffer + Atomics with no library around it.
// Cases: pingpong (two workers, Atomics.wait both sides, µs), pingpong-async (this thread on
// Atomics.waitAsync — as weft's main thread must — against a worker on Atomics.wait, µs),
// mutex (synchronous CAS lock/unlock on this thread, ops/s), mutex2 (two workers incrementing
// one plain counter under a futex-style mutex, ops/s, counter checked exact).
import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import { check, repeat } from '../harness/repeat.mjs';
import { latencySample } from './latency.mjs';

const partner = new URL('../workers/raw-sab-worker.mjs', import.meta.url);

export async function measure({ caseId, params, reps, warmup }) {
  const run = { pingpong, 'pingpong-async': pingpongAsync, mutex, mutex2 }[caseId];
  if (!run) throw new Error(`raw-sab: unknown case ${caseId}`);
  return { samples: await repeat({ reps, warmup }, () => run(params)) };
}

const spawn = (role, sab, n) => new Worker(partner, { workerData: { role, sab, n } });

async function pingpong({ roundTrips }) {
  const sab = new SharedArrayBuffer(8);
  const ponger = spawn('ponger', sab, roundTrips);
  const pinger = spawn('pinger', sab, roundTrips);
  const [[us]] = await Promise.all([once(pinger, 'message'), once(ponger, 'message')]);
  await Promise.all([pinger.terminate(), ponger.terminate()]);
  return latencySample('raw.sab', Array.from(us));
}

async function pingpongAsync({ roundTrips }) {
  const sab = new SharedArrayBuffer(8);
  const cell = new Int32Array(sab);
  const ponger = spawn('ponger', sab, roundTrips);
  const finished = once(ponger, 'message'); // listen before the loop: 'done' may come right after the last pong
  const us = new Array(roundTrips);
  for (let i = 0; i < roundTrips; i++) {
    const t0 = performance.now();
    Atomics.store(cell, 0, 1);
    Atomics.notify(cell, 0);
    while (Atomics.load(cell, 0) === 1) {
      const w = Atomics.waitAsync(cell, 0, 1);
      if (w.async) await w.value;
    }
    us[i] = (performance.now() - t0) * 1000;
  }
  await finished;
  await ponger.terminate();
  return latencySample('raw.sab-async', us);
}

async function mutex({ ops }) {
  const cell = new Int32Array(new SharedArrayBuffer(8));
  const t0 = performance.now();
  for (let i = 0; i < ops; i++) {
    if (Atomics.compareExchange(cell, 0, 0, 1) !== 0) throw new Error('raw mutex: uncontended CAS failed');
    cell[1] = cell[1] + 1;
    Atomics.store(cell, 0, 0);
  }
  const ms = performance.now() - t0;
  check(cell[1] === ops, 'raw mutex counter');
  return { 'raw.sab.mutex': ops / (ms / 1000) };
}

async function mutex2({ n }) {
  const sab = new SharedArrayBuffer(12);
  const ws = [spawn('locker', sab, n), spawn('locker', sab, n)];
  const times = (await Promise.all(ws.map((w) => once(w, 'message')))).map(([ms]) => ms);
  await Promise.all(ws.map((w) => w.terminate()));
  const total = new Int32Array(sab)[1];
  check(total === 2 * n, `raw SAB mutex: counter ${total}, expected ${2 * n}`);
  return { 'raw.sab.mutex2': (2 * n) / (Math.max(...times) / 1000) };
}
