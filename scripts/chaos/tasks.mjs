// Tasks for the chaos scenarios (run.mjs). Each runs in a forked child of the scenario program.
import { WorkerPoolExecutor, task } from '@weft/core';

/** Hold `lock` while spinning for `ms`, then release it; returns this process's pid. */
export const holdWhileSpinning = task(import.meta.url, async function holdWhileSpinning(lock, ms) {
  await lock.acquire();
  try {
    spin(ms);
    return process.pid;
  } finally {
    lock.release();
  }
});

/** A pool of two grandchildren that spin for `ms`, one ignoring SIGTERM; each meets `arrived` first. */
export const spinInGrandchildren = task(import.meta.url, async function spinInGrandchildren(ms, arrived) {
  const pool = new WorkerPoolExecutor({ maxWorkers: 2 });
  await Promise.all([pool.submit(arriveThenSpin, ms, arrived, false), pool.submit(arriveThenSpin, ms, arrived, true)]);
  await pool.shutdown();
});

/** Wait at the Barrier `arrived` (so the scenario knows this one is about to spin), then spin for `ms`. */
export const arriveThenSpin = task(import.meta.url, async function arriveThenSpin(ms, arrived, ignoreSigterm) {
  if (ignoreSigterm) process.on('SIGTERM', () => {}); // a listener: SIGTERM then waits for the event loop
  await arrived.wait();
  spin(ms);
});

/** The length of a typed array (a 1 MiB argument in the stream scenario). */
export const byteLength = task(import.meta.url, function byteLength(bytes) {
  return bytes.byteLength;
});

function spin(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end);
}
