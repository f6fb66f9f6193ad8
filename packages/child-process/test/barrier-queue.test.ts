import { describe, expect, test } from 'vitest';
import { childProcessBackend as backend } from '../dist/index.js';
import { startAgent, until } from './helpers.js';

describe('Barrier', () => {
  test('three parties in three processes get distinct indexes; the action runs once, in the last party', async () => {
    const [a, b] = await Promise.all([startAgent(), startAgent()]);
    const barrier = backend.createBarrier(3);
    const log = backend.createQueue(0);
    const children = [a, b].map((agent) => agent.run('barrierWait', barrier.describe(), 10_000, true, log.describe()));
    let ownerRanAction = 0;
    const mine = await barrier.wait({ timeout: 10_000 }, () => {
      ownerRanAction++;
      return log.put('action by owner', {});
    });
    const indexes = [mine, ...(await Promise.all(children)).map((r) => r.index)];
    expect(indexes.sort()).toEqual([0, 1, 2]);
    expect(log.qsize()).toBe(1);
    expect(barrier.nWaiting()).toBe(0);
    expect(barrier.broken()).toBe(false);
  });

  test('the action runs in the child that arrives last, before the owner is released', async () => {
    const agent = await startAgent();
    const barrier = backend.createBarrier(2);
    const log = backend.createQueue(0);
    const mine = barrier.wait({ timeout: 10_000 });
    const last = agent.run('barrierLastWithAction', barrier.describe(), log.describe(), false);
    expect(await mine).toBe(0);
    expect(log.qsize()).toBe(1); // the action finished before the owner was let go
    expect(log.getNowait()).toBe(agent.pid);
    expect(await last).toBe(1);
  });

  test('the barrier breaks when the party running the action dies', async () => {
    const agent = await startAgent();
    const barrier = backend.createBarrier(2);
    const mine = barrier.wait({});
    agent.run('barrierLastWithAction', barrier.describe(), backend.createQueue(0).describe(), true).catch(() => {});
    await expect(mine).rejects.toMatchObject({ name: 'BrokenBarrierError', message: expect.stringContaining('exited') });
    expect(barrier.broken()).toBe(true);
  });

  test('an action that throws breaks the barrier for every party', async () => {
    const agent = await startAgent();
    const barrier = backend.createBarrier(2);
    const child = agent.run('barrierWait', barrier.describe(), 10_000, false);
    await until(() => barrier.nWaiting() === 1); // the child arrived first; the owner is last
    await expect(
      barrier.wait({ timeout: 10_000 }, () => {
        throw new Error('action failed');
      }),
    ).rejects.toMatchObject({ name: 'BrokenBarrierError', cause: { message: 'action failed' } });
    expect(await child).toEqual({ error: 'BrokenBarrierError' });
    expect(barrier.broken()).toBe(true);
  });

  test('a timed-out wait breaks the barrier; reset makes it usable again', async () => {
    const agent = await startAgent();
    const barrier = backend.createBarrier(3);
    const child = agent.run('barrierWait', barrier.describe(), 60_000, false);
    await expect(barrier.wait({ timeout: 300 })).rejects.toMatchObject({ name: 'BrokenBarrierError' });
    expect(await child).toEqual({ error: 'BrokenBarrierError' });
    expect(barrier.broken()).toBe(true);
    await expect(barrier.wait({})).rejects.toMatchObject({ name: 'BrokenBarrierError' });
    barrier.reset();
    expect(barrier.broken()).toBe(false);
    const two = backend.createBarrier(2);
    const again = agent.run('barrierWait', two.describe(), 10_000, false);
    expect([await two.wait({}), (await again).index].sort()).toEqual([0, 1]);
  });

  test('abort() breaks waiting parties in other processes', async () => {
    const agent = await startAgent();
    const barrier = backend.createBarrier(2);
    const child = agent.run('barrierWait', barrier.describe(), 60_000, false);
    await until(() => barrier.nWaiting() === 1);
    barrier.abort();
    expect(await child).toEqual({ error: 'BrokenBarrierError' });
  });
});

describe('Queue', () => {
  test('items put by children come out in order, and getters in children receive them', async () => {
    const [a, b] = await Promise.all([startAgent(), startAgent()]);
    const q = backend.createQueue(0);
    for (const i of [1, 2, 3]) await a.run('call', q.describe(), 'put', [i], {});
    expect(q.qsize()).toBe(3);
    expect(await b.run('call', q.describe(), 'get', [], {})).toBe(1);
    expect(await q.get({})).toBe(2);
    const childGet = b.run('call', q.describe(), 'get', [], {});
    expect(q.getNowait()).toBe(3);
    await q.put(new Map([['k', 1n]]), {});
    expect(await childGet).toEqual(new Map([['k', 1n]]));
  });

  test('a full bounded queue makes put time out with QueueFull; an empty one get with QueueEmpty', async () => {
    const agent = await startAgent();
    const q = backend.createQueue(1);
    q.putNowait('x');
    expect(() => q.putNowait('y')).toThrow(expect.objectContaining({ name: 'QueueFull' }));
    expect(await agent.run('callWithTimeout', q.describe(), 'put', 20, ['y'])).toMatchObject({ error: 'QueueFull' });
    expect(q.getNowait()).toBe('x');
    expect(() => q.getNowait()).toThrow(expect.objectContaining({ name: 'QueueEmpty' }));
    expect(await agent.run('callWithTimeout', q.describe(), 'get', 20)).toMatchObject({ error: 'QueueEmpty' });
    expect(q.qsize()).toBe(0);
  });

  test('a put from a child into a full queue waits, and completes when the owner makes room', async () => {
    const agent = await startAgent();
    const q = backend.createQueue(1);
    q.putNowait('first');
    expect(await agent.run('callWithTimeout', q.describe(), 'put', 30, ['blocked'])).toMatchObject({ error: 'QueueFull' });
    const put = agent.run('call', q.describe(), 'put', ['second'], {});
    expect(q.getNowait()).toBe('first');
    await put;
    expect(q.getNowait()).toBe('second');
  });

  test('close(): puts fail with QueueClosed, what is left drains, then gets fail', async () => {
    const agent = await startAgent();
    const q = backend.createQueue(0);
    await q.put('left', {});
    const waitingGetter = backend.createQueue(0);
    const childGet = agent.run('callWithTimeout', waitingGetter.describe(), 'get', 10_000);
    waitingGetter.close();
    expect(await childGet).toMatchObject({ error: 'QueueClosed' });
    q.close();
    expect(q.closed()).toBe(true);
    expect(await agent.run('callWithTimeout', q.describe(), 'put', 1000, ['late'])).toMatchObject({ error: 'QueueClosed' });
    expect(await agent.run('call', q.describe(), 'get', [], {})).toBe('left');
    expect(await agent.run('callWithTimeout', q.describe(), 'get', 1000)).toMatchObject({ error: 'QueueClosed' });
  });

  test('join resolves when every item taken was marked done (taskDone from a child)', async () => {
    const agent = await startAgent();
    const q = backend.createQueue(0);
    await q.put('job', {});
    expect(await q.join({ timeout: 10 })).toBe(false);
    expect(await agent.run('call', q.describe(), 'get', [], {})).toBe('job');
    const joined = q.join({ timeout: 10_000 });
    await agent.run('call', q.describe(), 'taskDone');
    expect(await joined).toBe(true);
    expect(() => q.taskDone()).toThrow(RangeError);
  });

  test('getNowait / putNowait in a non-owner throw InvalidStateError naming the async form', async () => {
    const agent = await startAgent();
    const q = backend.createQueue(0);
    const get = await agent.run('syncCall', q.describe(), 'getNowait');
    const put = await agent.run('syncCall', q.describe(), 'putNowait', [1]);
    expect(get.error).toBe('InvalidStateError');
    expect(get.message).toContain('get({ timeout: 0 })');
    expect(put.message).toContain('put(item, { timeout: 0 })');
  });

  test("a child's aborted get leaves no getter: the next item stays in the queue", async () => {
    const agent = await startAgent();
    const q = backend.createQueue(0);
    expect(await agent.run('abortedWait', q.describe(), 'get', 20)).toEqual({ error: 'AbortError', cause: 'stop' });
    await q.put('kept', {});
    expect(q.qsize()).toBe(1);
  });
});
