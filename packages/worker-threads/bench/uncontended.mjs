// Uncontended acquire+release throughput on the main thread (run after `npx tsup`):
//   node bench/uncontended.mjs
// Each op is `await h.acquire(opts); h.release(1)`, the shape core's Lock uses.
import { workerThreadsBackend as backend } from '../dist/index.js';

const kOps = 5_000_000; // per round; large enough that timer resolution does not matter
const kRounds = 5;
const opts = {};

async function round(handle) {
  const t0 = performance.now();
  for (let i = 0; i < kOps; i++) {
    await handle.acquire(opts);
    handle.release(1);
  }
  return (kOps / (performance.now() - t0)) * 1000;
}

function syncRound(handle) {
  const t0 = performance.now();
  for (let i = 0; i < kOps; i++) {
    handle.tryAcquire();
    handle.release(1);
  }
  return (kOps / (performance.now() - t0)) * 1000;
}

const subjects = {
  lock: backend.createSemLock({ kind: 'lock', value: 1, max: 1 }),
  rlock: backend.createSemLock({ kind: 'rlock', value: 1, max: 1 }),
  semaphore: backend.createSemLock({ kind: 'semaphore', value: 4, max: Infinity }),
  boundedSemaphore: backend.createSemLock({ kind: 'semaphore', value: 4, max: 4 }),
};
for (const [name, handle] of Object.entries(subjects)) {
  const rates = [];
  for (let r = 0; r < kRounds; r++) rates.push(await round(handle));
  const sync = [];
  for (let r = 0; r < kRounds; r++) sync.push(syncRound(handle));
  const best = (xs) => (Math.max(...xs) / 1e6).toFixed(2);
  const median = (xs) => (xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] / 1e6).toFixed(2);
  console.log(`${name.padEnd(17)} await acquire+release: median ${median(rates)} M ops/s (best ${best(rates)}); tryAcquire+release: median ${median(sync)} M ops/s`);
}
