import { describe, expect, test } from 'vitest';
import { isWeftError, type ConditionHandle } from '@weft/spi';
import { FixtureWorker, backend } from './helpers/fixture-worker.js';

function newCondition(kind: 'lock' | 'rlock' = 'lock'): ConditionHandle {
  return backend.createCondition(backend.createSemLock({ kind, value: 1, max: 1 }));
}

/** Start waiters one after another, so their wait order (and tickets) is known. */
async function waitersInOrder(cond: ConditionHandle, count: number): Promise<FixtureWorker[]> {
  const waiters: FixtureWorker[] = [];
  for (let id = 0; id < count; id++) {
    const w = new FixtureWorker('condition-waiter', { condition: cond.describe(), id });
    await w.next('waiting');
    waiters.push(w);
  }
  // Each waiter reported while holding the lock; once main gets it, all are inside wait().
  await cond.lock.acquire({});
  return waiters;
}

describe('Condition across worker threads', () => {
  test('notify(1) wakes the oldest waiter only, notify(2) the next two, each holding the lock again', async () => {
    const cond = newCondition();
    const waiters = await waitersInOrder(cond, 4);
    const woken = waiters.map((w) => w.next('woken'));
    cond.notify(1);
    cond.lock.release(1);
    expect(await woken[0]).toMatchObject({ id: 0, notified: true, holdsLock: 1 });
    await cond.lock.acquire({});
    cond.notify(2);
    cond.lock.release(1);
    expect(await woken[1]).toMatchObject({ id: 1, notified: true, holdsLock: 1 });
    expect(await woken[2]).toMatchObject({ id: 2, notified: true, holdsLock: 1 });
    await cond.lock.acquire({});
    cond.notify(1);
    cond.lock.release(1);
    expect(await woken[3]).toMatchObject({ id: 3, notified: true, holdsLock: 1 });
    await Promise.all(waiters.map((w) => w.exited));
  });

  test('notifyAll() wakes every waiter', async () => {
    const cond = newCondition('rlock');
    const waiters = await waitersInOrder(cond, 3);
    cond.notifyAll();
    cond.lock.release(1);
    const reports = await Promise.all(waiters.map((w) => w.next('woken')));
    expect(reports.map((r) => r.notified)).toEqual([true, true, true]);
    await Promise.all(waiters.map((w) => w.exited));
  });

  test('wait and notify without holding the lock fail with LockNotOwnedError', async () => {
    const cond = newCondition();
    await expect(cond.wait({})).rejects.toSatisfy((err: unknown) => isWeftError(err, 'ERR_WEFT_LOCK_NOT_OWNED'));
    expect(() => cond.notify(1)).toThrow(/does not hold the condition's lock/);
    expect(() => cond.notifyAll()).toThrow(/does not hold/);
  });

  test('an RLock condition releases the whole depth while waiting and restores it after', async () => {
    const cond = newCondition('rlock');
    await cond.lock.acquire({});
    await cond.lock.acquire({});
    const waiting = cond.wait({});
    // A worker can only take the rlock if wait() gave up both levels.
    const other = new FixtureWorker('acquire-and-hold', { semlock: cond.lock.describe() });
    expect(await other.next('acquired')).toMatchObject({ ok: true, heldByMe: 1 });
    other.send({ type: 'finish', release: 1 });
    await other.exited;
    // Main's wait is still pending on its own; main may take the free lock to notify it.
    expect(cond.lock.tryAcquire()).toBe(true);
    cond.notify(1);
    cond.lock.release(1);
    expect(await waiting).toBe(true);
    expect(cond.lock.heldByMe()).toBe(2);
    cond.lock.release(1);
    cond.lock.release(1);
    expect(cond.lock.value()).toBe(1);
  });
});
