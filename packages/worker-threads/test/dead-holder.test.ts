import { describe, expect, test } from 'vitest';
import type { SemLockHandle, WorkerExit } from '@weft/spi';
import { FixtureWorker, backend } from './helpers/fixture-worker.js';

type Death = 'terminate' | 'exit' | 'crash';

async function kill(worker: FixtureWorker, how: Death): Promise<WorkerExit> {
  if (how === 'terminate') await worker.handle.terminate();
  else worker.send({ type: how === 'exit' ? 'exit' : 'throw', code: 7 });
  return worker.exited;
}

describe('what a dead worker held is given back', () => {
  test.each<Death>(['terminate', 'exit', 'crash'])('a Lock held by a worker that dies (%s) goes to the main thread waiting for it', async (how) => {
    const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
    const holder = new FixtureWorker('acquire-and-hold', { semlock: lock.describe() });
    await holder.next('acquired');
    const waiting = lock.acquire({});
    let freeWhenExitReported: number | undefined;
    holder.handle.onExit(() => (freeWhenExitReported = lock.value()));
    const exit = await kill(holder, how);
    expect(await waiting).toBe(true);
    expect(lock.heldByMe()).toBe(1);
    // onExit listeners run after the release: they saw the lock free (main had not run yet).
    expect(freeWhenExitReported).toBe(1);
    if (how === 'exit') expect(exit.code).toBe(7);
    if (how === 'crash') expect(exit.error?.message).toMatch(/asked to crash/);
    lock.release(1);
  });

  test('an RLock held three levels deep by a dead worker is free again, depth and all', async () => {
    const rlock = backend.createSemLock({ kind: 'rlock', value: 1, max: 1 });
    const holder = new FixtureWorker('acquire-and-hold', { semlock: rlock.describe(), acquires: 3 });
    for (let i = 0; i < 3; i++) await holder.next('acquired');
    await kill(holder, 'terminate');
    expect(rlock.value()).toBe(1);
    expect(await rlock.acquire({ timeout: 0 })).toBe(true);
    expect(rlock.heldByMe()).toBe(1);
    rlock.release(1);
    expect(rlock.value()).toBe(1);
  });

  test('semaphore units held by a dead worker come back, waking a waiter, and only its units', async () => {
    const sem = backend.createSemLock({ kind: 'semaphore', value: 3, max: 3 });
    const holder = new FixtureWorker('acquire-and-hold', { semlock: sem.describe(), acquires: 2 });
    await holder.next('acquired');
    expect(await holder.next('acquired')).toMatchObject({ heldByMe: 2, value: 1 });
    expect(await sem.acquire({})).toBe(true); // the last unit
    const waiting = sem.acquire({});
    await kill(holder, 'crash');
    expect(await waiting).toBe(true);
    expect(sem.value()).toBe(1); // 2 came back, the waiter took 1
    expect(sem.heldByMe()).toBe(2);
    sem.release(2);
    expect(sem.value()).toBe(3); // bounded: no RangeError, nothing counted twice
  });

  test('several workers die holding semaphore units; all of them come back', async () => {
    const sem: SemLockHandle = backend.createSemLock({ kind: 'semaphore', value: 4, max: Infinity });
    const holders = [1, 2].map(() => new FixtureWorker('acquire-and-hold', { semlock: sem.describe(), acquires: 2 }));
    for (const h of holders) {
      await h.next('acquired');
      await h.next('acquired');
    }
    expect(sem.value()).toBe(0);
    await Promise.all(holders.map((h) => kill(h, 'terminate')));
    expect(sem.value()).toBe(4);
  });

  test.each(['lock', 'semaphore'] as const)('a worker that dies while asleep in a %s acquire does not swallow the wake meant for the next waiter', async (kind) => {
    const handle = backend.createSemLock({ kind, value: 1, max: 1 });
    expect(handle.tryAcquire()).toBe(true);
    const doomed = new FixtureWorker('acquire-and-hold', { semlock: handle.describe() });
    await doomed.next('acquiring');
    const next = new FixtureWorker('acquire-and-hold', { semlock: handle.describe() });
    await next.next('acquiring');
    await kill(doomed, 'terminate');
    handle.release(1); // one wake: it must reach the live waiter, not the dead one
    expect(await next.next('acquired')).toMatchObject({ ok: true });
    next.send({ type: 'finish', release: 1 });
    await next.exited;
    expect(handle.value()).toBe(1);
  });

  test('a dead consumer of a Semaphore(0) used as a signal gives back no phantom signals', async () => {
    const signals = backend.createSemLock({ kind: 'semaphore', value: 0, max: Infinity });
    const consumer = new FixtureWorker('acquire-and-hold', { semlock: signals.describe(), acquires: 3 });
    signals.release(3);
    for (let i = 0; i < 3; i++) await consumer.next('acquired');
    await kill(consumer, 'terminate');
    expect(signals.value()).toBe(0);
  });

  test('a dead holder\'s units are given back only up to the initial value', async () => {
    const sem = backend.createSemLock({ kind: 'semaphore', value: 1, max: Infinity });
    const holder = new FixtureWorker('acquire-and-hold', { semlock: sem.describe() });
    expect(await holder.next('acquired')).toMatchObject({ heldByMe: 1, value: 0 });
    sem.release(1); // someone hands the unit back on the holder's behalf
    await kill(holder, 'terminate');
    expect(sem.value()).toBe(1);
  });

  test('a worker that dies waiting on a Condition does not swallow the next notify', async () => {
    const cond = backend.createCondition(backend.createSemLock({ kind: 'lock', value: 1, max: 1 }));
    const doomed = new FixtureWorker('condition-waiter', { condition: cond.describe(), id: 'doomed' });
    await doomed.next('waiting');
    const survivor = new FixtureWorker('condition-waiter', { condition: cond.describe(), id: 'survivor' });
    await survivor.next('waiting');
    await cond.lock.acquire({}); // both are now inside wait(); doomed has the older ticket
    await kill(doomed, 'terminate');
    cond.notify(1);
    cond.lock.release(1);
    expect(await survivor.next('woken')).toMatchObject({ id: 'survivor', notified: true });
    await survivor.exited;
  });

  test('a worker that dies right after being notified passes the notification on', async () => {
    const cond = backend.createCondition(backend.createSemLock({ kind: 'lock', value: 1, max: 1 }));
    const first = new FixtureWorker('condition-waiter', { condition: cond.describe(), id: 'first', hangAfter: true });
    await first.next('waiting');
    const second = new FixtureWorker('condition-waiter', { condition: cond.describe(), id: 'second' });
    await second.next('waiting');
    await cond.lock.acquire({});
    // Hold the lock so `first` is notified but cannot return from wait(); then kill it.
    cond.notify(1);
    await kill(first, 'terminate');
    cond.lock.release(1);
    expect(await second.next('woken')).toMatchObject({ id: 'second', notified: true });
    await second.exited;
  });
});
