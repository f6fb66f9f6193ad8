import { describe, expect, test } from 'vitest';
import { isWeftError } from '@weft/spi';
import { FixtureWorker, backend, spawnMany } from './helpers/fixture-worker.js';

function sharedInt32(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

describe('Lock and RLock across worker threads', () => {
  test('four workers and the main thread incrementing under one lock reach the exact count, never overlapping', async () => {
    const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
    const counter = sharedInt32();
    const inside = sharedInt32();
    const iterations = 2000;
    const workers = spawnMany('count-under-lock', 4, () => ({
      lock: lock.describe(),
      counter: counter.buffer,
      inside: inside.buffer,
      iterations,
    }));
    await Promise.all(workers.map((w) => w.next('started')));
    let mainOverlaps = 0;
    for (let i = 0; i < iterations; i++) {
      await lock.acquire({});
      if (Atomics.add(inside, 0, 1) !== 0) mainOverlaps++;
      const seen = counter[0] as number;
      await null;
      counter[0] = seen + 1;
      Atomics.sub(inside, 0, 1);
      lock.release(1);
    }
    const done = await Promise.all(workers.map((w) => w.next('done')));
    expect(done.map((d) => d.overlaps)).toEqual([0, 0, 0, 0]);
    expect(mainOverlaps).toBe(0);
    expect(counter[0]).toBe(5 * iterations);
    expect(lock.value()).toBe(1);
    await Promise.all(workers.map((w) => w.exited));
  });

  test('a lock held by a worker makes tryAcquire fail in main, and any thread may release a Lock', async () => {
    const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
    const holder = new FixtureWorker('acquire-and-hold', { semlock: lock.describe() });
    const acquired = await holder.next('acquired');
    expect(acquired).toMatchObject({ ok: true, heldByMe: 1, value: 0 });
    expect(lock.tryAcquire()).toBe(false);
    expect(lock.heldByMe()).toBe(0);
    lock.release(1); // Python's Lock: releasing from another thread is allowed
    expect(lock.value()).toBe(1);
    expect(lock.tryAcquire()).toBe(true);
    lock.release(1);
    holder.send({ type: 'exit', code: 0 });
    await holder.exited;
  });

  test('releasing an unlocked Lock throws LockNotOwnedError and changes nothing', () => {
    const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
    let caught: unknown;
    try {
      lock.release(1);
    } catch (err) {
      caught = err;
    }
    expect(isWeftError(caught, 'ERR_WEFT_LOCK_NOT_OWNED')).toBe(true);
    expect((caught as Error).message).toMatch(/not locked/);
    expect(lock.value()).toBe(1);
  });

  test('an RLock is re-entrant for its owner only, and a non-owner cannot release it', async () => {
    const rlock = backend.createSemLock({ kind: 'rlock', value: 1, max: 1 });
    expect(await rlock.acquire({})).toBe(true);
    expect(rlock.tryAcquire()).toBe(true);
    expect(await rlock.acquire({})).toBe(true);
    expect(rlock.heldByMe()).toBe(3);
    const other = new FixtureWorker('acquire-and-hold', { semlock: rlock.describe(), timeout: 0 });
    expect(await other.next('acquired')).toMatchObject({ ok: false, heldByMe: 0 });
    other.send({ type: 'exit', code: 0 });
    await other.exited;
    rlock.release(1);
    rlock.release(1);
    expect(rlock.heldByMe()).toBe(1);
    expect(rlock.value()).toBe(0);
    rlock.release(1);
    expect(rlock.value()).toBe(1);
    expect(() => rlock.release(1)).toThrow(/does not own/);
  });

  test('an RLock taken by a worker is not releasable by main, and its depth is the worker\'s own', async () => {
    const rlock = backend.createSemLock({ kind: 'rlock', value: 1, max: 1 });
    const holder = new FixtureWorker('acquire-and-hold', { semlock: rlock.describe(), acquires: 2 });
    await holder.next('acquired');
    expect(await holder.next('acquired')).toMatchObject({ heldByMe: 2 });
    expect(rlock.heldByMe()).toBe(0);
    expect(() => rlock.release(1)).toThrow(/does not own/);
    const waiting = rlock.acquire({});
    holder.send({ type: 'finish', release: 2 });
    expect(await holder.next('released')).toMatchObject({ heldByMe: 0 });
    expect(await waiting).toBe(true);
    expect(rlock.heldByMe()).toBe(1);
    rlock.release(1);
    await holder.exited;
  });

  test('a revived handle and its original agree, and describe() survives structured clone', () => {
    const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
    const twin = backend.revive(structuredClone(lock.describe())) as typeof lock;
    expect(lock.tryAcquire()).toBe(true);
    expect(twin.value()).toBe(0);
    expect(twin.heldByMe()).toBe(1); // same thread, same holder
    twin.release(1);
    expect(lock.value()).toBe(1);
    expect(lock.describe()).toMatchObject({ backend: 'worker_threads', type: 'semlock', kind: 'lock' });
  });
});
