// weft tasks for the primitive rows. Each runs inside a pool worker with weft primitives that
// arrived as arguments, and times itself, so the figure excludes task dispatch.
//
//   main ──submit(lock, counter, barrier, n)──▶ worker A ─┐  barrier, then
//        ──submit(lock, counter, barrier, n)──▶ worker B ─┘  acquire/increment/release × n
import { getIdent, task } from '@weft/core';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/** Uncontended acquire/release from inside a worker: one round trip to the lock per op. */
export const lockRoundTrip = task(import.meta.url, async function lockRoundTrip({ lock, n }) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await lock.acquire();
    lock.release();
  }
  return { ms: performance.now() - t0, ident: getIdent() };
});

/**
 * Contended increments of a counter in shared memory (worker_threads). The read-modify-write is
 * deliberately non-atomic: only the Lock keeps the final count exact.
 */
export const incrementShared = task(import.meta.url, async function incrementShared({ lock, counter, barrier, n }) {
  await waitForPartner(barrier);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await lock.acquire();
    counter[0] = counter[0] + 1;
    lock.release();
  }
  return { ms: performance.now() - t0, ident: getIdent() };
});

/** Contended increments of a counter kept in a file (child_process: no shared memory). */
export const incrementFile = task(import.meta.url, async function incrementFile({ lock, path, barrier, n }) {
  await waitForPartner(barrier);
  const fd = openSync(path, 'r+');
  const cell = Buffer.alloc(8);
  const t0 = performance.now();
  try {
    for (let i = 0; i < n; i++) {
      await lock.acquire();
      readSync(fd, cell, 0, 8, 0);
      cell.writeDoubleLE(cell.readDoubleLE(0) + 1, 0);
      writeSync(fd, cell, 0, 8, 0);
      lock.release();
    }
  } finally {
    closeSync(fd);
  }
  return { ms: performance.now() - t0, ident: getIdent() };
});

/** Queue producer: n numbers, then returns. */
export const produce = task(import.meta.url, async function produce({ queue, barrier, n }) {
  await waitForPartner(barrier);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await queue.put(i);
  return { ms: performance.now() - t0, ident: getIdent() };
});

/** Queue consumer: takes n items and returns their sum so the parent can check none was lost. */
export const consume = task(import.meta.url, async function consume({ queue, barrier, n }) {
  await waitForPartner(barrier);
  const t0 = performance.now();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += await queue.get();
  return { ms: performance.now() - t0, sum, ident: getIdent() };
});

// Both halves of a two-worker row meet at a weft Barrier(2), so neither starts its timed loop
// while the other is still being dispatched. If both tasks landed on one worker that runs one
// task at a time, the barrier breaks after its timeout and the row reports that, not a number.
const PARTNER_TIMEOUT_MS = 30_000; // generous: only an upper bound for a broken row
async function waitForPartner(barrier) {
  await barrier.wait({ timeout: PARTNER_TIMEOUT_MS });
}
