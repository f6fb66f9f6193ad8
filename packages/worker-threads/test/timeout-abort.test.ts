import { describe, expect, test } from 'vitest';
import { isWeftError } from '@weft/spi';
import { FixtureWorker, backend } from './helpers/fixture-worker.js';

const isAbort = (err: unknown): boolean => isWeftError(err, 'ERR_WEFT_ABORTED') && (err as Error).cause === 'stop';

describe('timeouts and aborts leave no trace', () => {
  test('an already-aborted signal rejects every wait at once and takes nothing', async () => {
    const signal = AbortSignal.abort('stop');
    const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
    const sem = backend.createSemLock({ kind: 'semaphore', value: 2, max: 2 });
    const event = backend.createEvent();
    const barrier = backend.createBarrier(2);
    const queue = backend.createQueue(0);
    await queue.put(1, {});
    for (const wait of [
      () => lock.acquire({ signal }),
      () => sem.acquire({ signal }),
      () => event.wait({ signal }),
      () => barrier.wait({ signal }),
      () => queue.get({ signal }),
      () => queue.put(2, { signal }),
      () => queue.join({ signal }),
    ]) {
      await expect(wait()).rejects.toSatisfy(isAbort);
    }
    expect([lock.value(), sem.value(), queue.qsize(), barrier.nWaiting(), barrier.broken()]).toEqual([1, 2, 1, 0, false]);
  });

  test('a lock acquire that times out resolves false; the lock later goes to the next waiter', async () => {
    const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
    const holder = new FixtureWorker('acquire-and-hold', { semlock: lock.describe() });
    await holder.next('acquired');
    expect(await lock.acquire({ timeout: 30 })).toBe(false);
    expect(await lock.acquire({ timeout: 0 })).toBe(false);
    const next = lock.acquire({});
    holder.send({ type: 'finish', release: 1 });
    expect(await next).toBe(true);
    lock.release(1);
    await holder.exited;
  });

  test('an aborted lock waiter does not absorb the wake meant for the waiter behind it', async () => {
    const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
    const holder = new FixtureWorker('acquire-and-hold', { semlock: lock.describe() });
    await holder.next('acquired');
    const controller = new AbortController();
    const aborted = lock.acquire({ signal: controller.signal });
    const behind = new FixtureWorker('acquire-and-hold', { semlock: lock.describe() });
    await behind.next('acquiring');
    controller.abort('stop');
    await expect(aborted).rejects.toSatisfy(isAbort);
    holder.send({ type: 'finish', release: 1 });
    expect(await behind.next('acquired')).toMatchObject({ ok: true });
    expect(lock.heldByMe()).toBe(0);
    behind.send({ type: 'finish', release: 1 });
    await Promise.all([holder.exited, behind.exited]);
    expect(lock.value()).toBe(1);
  });

  test('semaphore waits that time out or abort leave the count untouched', async () => {
    const sem = backend.createSemLock({ kind: 'semaphore', value: 0, max: Infinity });
    expect(await sem.acquire({ timeout: 20 })).toBe(false);
    const controller = new AbortController();
    const aborted = sem.acquire({ signal: controller.signal });
    const worker = new FixtureWorker('acquire-and-hold', { semlock: sem.describe() });
    await worker.next('acquiring');
    controller.abort('stop');
    await expect(aborted).rejects.toSatisfy(isAbort);
    sem.release(1);
    expect(await worker.next('acquired')).toMatchObject({ ok: true, value: 0 });
    expect(sem.value()).toBe(0);
    worker.send({ type: 'exit', code: 0 });
    await worker.exited;
  });

  test('a condition wait that times out resolves false holding the lock again, and leaves no slot behind', async () => {
    const cond = backend.createCondition(backend.createSemLock({ kind: 'lock', value: 1, max: 1 }));
    await cond.lock.acquire({});
    expect(await cond.wait({ timeout: 20 })).toBe(false);
    expect(cond.lock.heldByMe()).toBe(1);
    const controller = new AbortController();
    const aborted = cond.wait({ signal: controller.signal });
    controller.abort('stop');
    await expect(aborted).rejects.toSatisfy(isAbort);
    expect(cond.lock.heldByMe()).toBe(1); // re-acquired before rejecting
    cond.lock.release(1);
    const waiter = new FixtureWorker('condition-waiter', { condition: cond.describe(), id: 'real' });
    await waiter.next('waiting');
    await cond.lock.acquire({});
    cond.notify(1); // must reach the real waiter, not a leftover slot
    cond.lock.release(1);
    expect(await waiter.next('woken')).toMatchObject({ notified: true });
    await waiter.exited;
  });

  test('event waits time out with false and abort with AbortError', async () => {
    const event = backend.createEvent();
    const worker = new FixtureWorker('event-waiter', { event: event.describe(), timeout: 20 });
    expect(await worker.next('done')).toMatchObject({ result: false });
    const controller = new AbortController();
    const aborted = event.wait({ signal: controller.signal });
    controller.abort('stop');
    await expect(aborted).rejects.toSatisfy(isAbort);
    await worker.exited;
  });

  test('a queue getter that is aborted does not take the next item', async () => {
    const queue = backend.createQueue(0);
    const controller = new AbortController();
    const aborted = queue.get({ signal: controller.signal });
    const consumer = new FixtureWorker('queue-consumer', { queue: queue.describe() });
    await consumer.next('started');
    controller.abort('stop');
    await expect(aborted).rejects.toSatisfy(isAbort);
    await queue.put('only', {});
    queue.close();
    expect((await consumer.next('drained')).items).toEqual(['only']);
    await consumer.exited;
  });

  test('a bounded put that is aborted puts nothing', async () => {
    const queue = backend.createQueue(1);
    await queue.put('first', {});
    const controller = new AbortController();
    const aborted = queue.put('never', { signal: controller.signal });
    controller.abort('stop');
    await expect(aborted).rejects.toSatisfy(isAbort);
    expect(queue.qsize()).toBe(1);
    expect(await queue.get({})).toBe('first');
    expect(queue.qsize()).toBe(0);
  });

  test('an aborted barrier wait breaks the barrier (as a timeout does)', async () => {
    const barrier = backend.createBarrier(2);
    const controller = new AbortController();
    const aborted = barrier.wait({ signal: controller.signal });
    controller.abort('stop');
    await expect(aborted).rejects.toSatisfy(isAbort);
    expect(barrier.broken()).toBe(true);
  });
});
