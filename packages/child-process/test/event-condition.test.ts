import { describe, expect, test } from 'vitest';
import { childProcessBackend as backend } from '../dist/index.js';
import { startAgent } from './helpers.js';

describe('Event', () => {
  test('wait resolves true once set, false on timeout; clear resets', async () => {
    const ev = backend.createEvent();
    expect(ev.isSet()).toBe(false);
    expect(await ev.wait({ timeout: 10 })).toBe(false);
    const waiting = ev.wait({});
    ev.set();
    expect(await waiting).toBe(true);
    expect(ev.isSet()).toBe(true);
    ev.clear();
    expect(ev.isSet()).toBe(false);
  });

  test('a child waits for an event the owner sets, and sets one the owner waits for', async () => {
    const agent = await startAgent();
    const toChild = backend.createEvent();
    const fromChild = backend.createEvent();
    const childWait = agent.run('call', toChild.describe(), 'wait', [], {});
    toChild.set();
    expect(await childWait).toBe(true);
    const ownerWait = fromChild.wait({ timeout: 10_000 });
    await agent.run('call', fromChild.describe(), 'set');
    expect(await ownerWait).toBe(true);
    expect(await agent.run('callWithTimeout', backend.createEvent().describe(), 'wait', 20)).toEqual({ value: false });
    expect(await agent.run('abortedWait', backend.createEvent().describe(), 'wait', 20)).toEqual({ error: 'AbortError', cause: 'stop' });
  });
});

test('an Event set by a child right before it exits is still set in the owner', async () => {
  const agent = await startAgent();
  const ev = backend.createEvent();
  agent.run('setThenExit', ev.describe()).catch(() => {});
  expect((await agent.exited()).code).toBe(0);
  expect(ev.isSet()).toBe(true);
});

test('an Event set by a child that then spins synchronously forever is set in the owner', async () => {
  const agent = await startAgent();
  const ev = backend.createEvent();
  agent.run('setThenSpin', ev.describe()).catch(() => {});
  expect(await ev.wait({ timeout: 10_000 })).toBe(true);
});

describe('Condition', () => {
  const lockParams = { kind: 'lock', value: 1, max: 1 } as const;

  test('wait releases the lock, notify wakes it, and it holds the lock again when it resolves', async () => {
    const cond = backend.createCondition(backend.createSemLock(lockParams));
    await cond.lock.acquire({});
    const waiting = cond.wait({});
    expect(cond.lock.value()).toBe(1); // released while waiting
    await cond.lock.acquire({});
    cond.notify(1);
    cond.lock.release(1);
    expect(await waiting).toBe(true);
    expect(cond.lock.heldByMe()).toBe(1);
    cond.lock.release(1);
  });

  test('wait and notify without the lock throw LockNotOwnedError; a timed-out wait re-acquires', async () => {
    const cond = backend.createCondition(backend.createSemLock(lockParams));
    await expect(cond.wait({})).rejects.toMatchObject({ name: 'LockNotOwnedError' });
    expect(() => cond.notify(1)).toThrow(expect.objectContaining({ name: 'LockNotOwnedError' }));
    await cond.lock.acquire({});
    expect(await cond.wait({ timeout: 10 })).toBe(false);
    expect(cond.lock.heldByMe()).toBe(1);
  });

  test('an RLock condition restores the whole recursion depth', async () => {
    const cond = backend.createCondition(backend.createSemLock({ kind: 'rlock', value: 1, max: 1 }));
    await cond.lock.acquire({});
    await cond.lock.acquire({});
    expect(await cond.wait({ timeout: 5 })).toBe(false);
    expect(cond.lock.heldByMe()).toBe(2);
  });

  test('an aborted wait re-acquires the lock before it rejects', async () => {
    const cond = backend.createCondition(backend.createSemLock(lockParams));
    await cond.lock.acquire({});
    const controller = new AbortController();
    const waiting = cond.wait({ signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(cond.lock.heldByMe()).toBe(1);
  });

  test('a child waits on a condition and the owner notifies it', async () => {
    const agent = await startAgent();
    const cond = backend.createCondition(backend.createSemLock(lockParams));
    const ready = backend.createEvent();
    const child = agent.run('conditionWait', cond.describe(), ready.describe(), 10_000);
    expect(await ready.wait({ timeout: 10_000 })).toBe(true);
    await cond.lock.acquire({}); // the child released it by waiting
    cond.notify(1);
    cond.lock.release(1);
    expect(await child).toEqual({ notified: true, held: 1 });
    const timedOut = agent.run('conditionWait', cond.describe(), backend.createEvent().describe(), 20);
    expect(await timedOut).toEqual({ notified: false, held: 1 });
  });

  test("a child's aborted wait takes the lock back before it rejects", async () => {
    const agent = await startAgent();
    const cond = backend.createCondition(backend.createSemLock(lockParams));
    expect(await agent.run('conditionAbortedWait', cond.describe(), 30)).toEqual({ error: 'AbortError', held: 1 });
    expect(cond.lock.value()).toBe(1);
  });

  test('notifyAll from a child wakes every waiter in the owner', async () => {
    const agent = await startAgent();
    const cond = backend.createCondition(backend.createSemLock(lockParams));
    await cond.lock.acquire({});
    const first = cond.wait({});
    await cond.lock.acquire({});
    const second = cond.wait({});
    expect(await agent.run('conditionNotify', cond.describe(), Infinity)).toBe(true);
    expect(await first).toBe(true);
    cond.lock.release(1);
    expect(await second).toBe(true);
    cond.lock.release(1);
  });

  test('a Condition made in a child over the owner\'s lock lives with that lock', async () => {
    const agent = await startAgent();
    const lock = backend.createSemLock(lockParams);
    const condD = await agent.run('makeConditionOver', lock.describe());
    const cond = backend.revive(condD) as ReturnType<typeof backend.createCondition>;
    await cond.lock.acquire({});
    const waiting = cond.wait({});
    expect(lock.value()).toBe(1);
    expect(await agent.run('conditionNotify', condD, 1)).toBe(true);
    expect(await waiting).toBe(true);
    expect(lock.heldByMe()).toBe(1);
  });
});
