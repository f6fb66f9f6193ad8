import { describe, expect, test } from 'vitest';
import { FixtureWorker, backend, spawnMany } from './helpers/fixture-worker.js';
import { firstFulfilled } from './helpers/settle.js';

describe('Semaphore and BoundedSemaphore across worker threads', () => {
  test('release(n) wakes n sleeping workers, and releasing the rest wakes the rest', async () => {
    const sem = backend.createSemLock({ kind: 'semaphore', value: 0, max: Infinity });
    const workers = spawnMany('acquire-and-hold', 5, () => ({ semlock: sem.describe() }));
    await Promise.all(workers.map((w) => w.next('acquiring')));
    const acquired = workers.map((w) => w.next('acquired'));
    sem.release(3);
    const first = await firstFulfilled(acquired, 3);
    expect(new Set(first).size).toBe(3);
    expect(sem.value()).toBe(0);
    sem.release(2);
    const reports = await Promise.all(acquired);
    expect(reports.map((r) => r.heldByMe)).toEqual([1, 1, 1, 1, 1]);
    expect(sem.value()).toBe(0);
    for (const w of workers) w.send({ type: 'finish', release: 1 });
    await Promise.all(workers.map((w) => w.next('released')));
    expect(sem.value()).toBe(5);
    await Promise.all(workers.map((w) => w.exited));
  });

  test('a semaphore admits at most its value at once; the others wait their turn', async () => {
    const sem = backend.createSemLock({ kind: 'semaphore', value: 2, max: 2 });
    const workers = spawnMany('acquire-and-hold', 4, () => ({ semlock: sem.describe() }));
    const acquired = workers.map((w) => w.next('acquired'));
    const firstTwo = await firstFulfilled(acquired, 2);
    expect(sem.value()).toBe(0);
    expect(sem.tryAcquire()).toBe(false);
    const rest = workers.map((_, i) => i).filter((i) => !firstTwo.includes(i));
    const nextTwo = firstFulfilled(rest.map((i) => acquired[i] as Promise<unknown>), 2);
    for (const i of firstTwo) (workers[i] as FixtureWorker).send({ type: 'finish', release: 1 });
    await nextTwo;
    for (const i of rest) (workers[i] as FixtureWorker).send({ type: 'finish', release: 1 });
    await Promise.all(workers.map((w) => w.exited));
    expect(sem.value()).toBe(2);
  });

  test('a BoundedSemaphore refuses a release above its initial value with RangeError and changes nothing', async () => {
    const sem = backend.createSemLock({ kind: 'semaphore', value: 2, max: 2 });
    expect(() => sem.release(1)).toThrow(RangeError);
    expect(await sem.acquire({})).toBe(true);
    expect(() => sem.release(2)).toThrow(/above its initial value 2/);
    expect(sem.value()).toBe(1);
    sem.release(1);
    expect(sem.value()).toBe(2);
  });

  test('a plain Semaphore can be released above its initial value', () => {
    const sem = backend.createSemLock({ kind: 'semaphore', value: 1, max: Infinity });
    sem.release(4);
    expect(sem.value()).toBe(5);
    expect(sem.describe()).toMatchObject({ backend: 'worker_threads', type: 'semlock', kind: 'semaphore', max: Infinity });
  });

  test('heldByMe counts the units this thread took', async () => {
    const sem = backend.createSemLock({ kind: 'semaphore', value: 3, max: 3 });
    expect(sem.tryAcquire()).toBe(true);
    expect(await sem.acquire({})).toBe(true);
    expect(sem.heldByMe()).toBe(2);
    sem.release(1);
    expect(sem.heldByMe()).toBe(1);
    sem.release(1);
    expect(sem.heldByMe()).toBe(0);
  });
});
