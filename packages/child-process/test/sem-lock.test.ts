import { describe, expect, test } from 'vitest';
import { childProcessBackend as backend } from '../dist/index.js';
import { startAgent } from './helpers.js';

const newLock = () => backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
const newRLock = () => backend.createSemLock({ kind: 'rlock', value: 1, max: 1 });

describe('SemLock in the owning process', () => {
  test('acquire, locked value, release, and release of an unlocked lock throws LockNotOwnedError', async () => {
    const lock = newLock();
    expect(await lock.acquire({})).toBe(true);
    expect(lock.value()).toBe(0);
    expect(lock.heldByMe()).toBe(1);
    expect(lock.tryAcquire()).toBe(false);
    lock.release(1);
    expect(lock.value()).toBe(1);
    expect(() => lock.release(1)).toThrow(expect.objectContaining({ name: 'LockNotOwnedError' }));
  });

  test('a timed-out acquire resolves false and leaves no waiter behind', async () => {
    const lock = newLock();
    await lock.acquire({});
    expect(await lock.acquire({ timeout: 20 })).toBe(false);
    expect(await lock.acquire({ timeout: 0 })).toBe(false);
    lock.release(1);
    expect(lock.value()).toBe(1); // not handed to the timed-out waiter
    expect(lock.tryAcquire()).toBe(true);
  });

  test('an aborted acquire rejects with AbortError (cause = reason) and takes nothing', async () => {
    const lock = newLock();
    await lock.acquire({});
    const controller = new AbortController();
    const waiting = lock.acquire({ signal: controller.signal });
    controller.abort(new Error('enough'));
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError', cause: { message: 'enough' } });
    lock.release(1);
    expect(lock.value()).toBe(1);
    await expect(lock.acquire({ signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('waiters are served first come, first served', async () => {
    const lock = newLock();
    await lock.acquire({});
    const order: number[] = [];
    const waits = [1, 2, 3].map((i) => lock.acquire({}).then(() => order.push(i)));
    lock.release(1);
    await waits[0];
    lock.release(1);
    await waits[1];
    lock.release(1);
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
  });

  test('an RLock is re-entrant for its owner and counts depth', async () => {
    const rlock = newRLock();
    await rlock.acquire({});
    expect(rlock.tryAcquire()).toBe(true);
    expect(rlock.heldByMe()).toBe(2);
    rlock.release(1);
    expect(rlock.value()).toBe(0);
    rlock.release(1);
    expect(rlock.value()).toBe(1);
    expect(() => rlock.release(1)).toThrow(expect.objectContaining({ name: 'LockNotOwnedError' }));
  });

  test('a BoundedSemaphore refuses to rise above its initial value and changes nothing', async () => {
    const sem = backend.createSemLock({ kind: 'semaphore', value: 2, max: 2 });
    await sem.acquire({});
    sem.release(1);
    expect(() => sem.release(1)).toThrow(RangeError);
    expect(sem.value()).toBe(2);
    const plain = backend.createSemLock({ kind: 'semaphore', value: 0, max: Infinity });
    plain.release(3);
    expect(plain.value()).toBe(3);
  });
});

describe('SemLock used from a child process', () => {
  test('a child acquires and releases; its queries reflect the owner', async () => {
    const lock = newLock();
    const agent = await startAgent();
    expect(await agent.run('lockQueries', lock.describe())).toEqual({ before: [1, 0], during: [0, 1], after: [1, 0] });
    expect(lock.value()).toBe(1);
  });

  test('a child times out while the owner holds it, and gets it once released', async () => {
    const lock = newLock();
    const agent = await startAgent();
    await lock.acquire({});
    expect(await agent.run('callWithTimeout', lock.describe(), 'acquire', 50)).toEqual({ value: false });
    const held = backend.createEvent();
    const child = agent.run('holdForever', lock.describe(), held.describe());
    child.catch(() => {});
    expect(lock.value()).toBe(0);
    lock.release(1);
    expect(await held.wait({ timeout: 10_000 })).toBe(true);
    expect(lock.value()).toBe(0);
    expect(lock.heldByMe()).toBe(0);
  });

  test("a child's abort rejects with AbortError and the owner keeps no waiter", async () => {
    const lock = newLock();
    const agent = await startAgent();
    await lock.acquire({});
    expect(await agent.run('abortedWait', lock.describe(), 'acquire', 30)).toEqual({ error: 'AbortError', cause: 'stop' });
    lock.release(1);
    expect(lock.value()).toBe(1);
  });

  test('tryAcquire in a non-owner throws InvalidStateError naming acquire({ timeout: 0 })', async () => {
    const agent = await startAgent();
    const r = await agent.run('syncCall', newLock().describe(), 'tryAcquire');
    expect(r.error).toBe('InvalidStateError');
    expect(r.message).toContain('acquire({ timeout: 0 })');
  });

  test('an RLock is re-entrant in the child, and over-release there throws LockNotOwnedError', async () => {
    const rlock = newRLock();
    const agent = await startAgent();
    expect(await agent.run('rlockReentry', rlock.describe())).toEqual({ depth: 2, error: 'LockNotOwnedError' });
    expect(rlock.value()).toBe(1);
  });

  test('releasing an unlocked lock from a child throws LockNotOwnedError there', async () => {
    const agent = await startAgent();
    const r = await agent.run('syncCall', newLock().describe(), 'release', [1]);
    expect(r.error).toBe('LockNotOwnedError');
  });

  test('a child that held the lock earlier and then exits does not free it from its current holder', async () => {
    for (const lock of [newLock(), newRLock(), backend.createSemLock({ kind: 'semaphore', value: 1, max: 1 })]) {
      const agent = await startAgent();
      expect(await agent.run('call', lock.describe(), 'acquire', [{}])).toBe(true);
      await agent.run('call', lock.describe(), 'release', [1]); // ordered before this task's result
      expect(lock.value()).toBe(1);
      expect(await lock.acquire({})).toBe(true);
      await agent.worker.terminate();
      expect(lock.value()).toBe(0);
      expect(lock.heldByMe()).toBe(1);
      lock.release(1);
      expect(lock.value()).toBe(1);
    }
  });

  test('a semaphore shares units between the owner and children', async () => {
    const sem = backend.createSemLock({ kind: 'semaphore', value: 2, max: 2 });
    const [a, b] = await Promise.all([startAgent(), startAgent()]);
    const heldA = backend.createEvent();
    const heldB = backend.createEvent();
    a.run('holdForever', sem.describe(), heldA.describe()).catch(() => {});
    b.run('holdForever', sem.describe(), heldB.describe()).catch(() => {});
    expect(await heldA.wait({ timeout: 10_000 })).toBe(true);
    expect(await heldB.wait({ timeout: 10_000 })).toBe(true);
    expect(sem.value()).toBe(0);
    expect(await sem.acquire({ timeout: 30 })).toBe(false);
  });
});
