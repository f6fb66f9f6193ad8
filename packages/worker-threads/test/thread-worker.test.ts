import { threadId } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import type { WorkerExit } from '@weft/spi';
import { FixtureWorker, backend } from './helpers/fixture-worker.js';

describe('ThreadWorker transport', () => {
  test('spawn() gives the thread id as ident at once; messages go both ways; the worker knows its boot name', async () => {
    const w = new FixtureWorker('echo', { hello: 'there' });
    expect(typeof w.handle.ident).toBe('number');
    const pong = await w.next('pong');
    expect(pong).toMatchObject({ got: { type: 'start', hello: 'there' }, threadId: w.handle.ident, ident: w.handle.ident, bootName: 'fixture-echo' });
    w.send({ type: 'ping', n: 2, data: new Map([[1, new Uint8Array([9])]]) });
    expect((await w.next('pong')).got).toEqual({ type: 'ping', n: 2, data: new Map([[1, new Uint8Array([9])]]) });
    w.send({ type: 'exit', code: 0 });
    expect(await w.exited).toEqual({ code: 0, signal: null, error: undefined });
  });

  test('awaitMessage() takes the next message at once and gives it to the listeners before it returns', async () => {
    const w = new FixtureWorker('echo');
    await w.next('pong');
    const seen: string[] = [];
    w.handle.onMessage((m) => seen.push((m as unknown as { type: string }).type));
    w.send({ type: 'ping', n: 1 });
    // The window is only an upper bound: the fixture answers at once.
    expect(w.handle.awaitMessage!(10_000)).toBe(true);
    expect(seen).toEqual(['pong']);
    expect(w.handle.awaitMessage!(1)).toBe(false); // nothing more is coming
    expect(seen).toEqual(['pong']);
    await w.handle.terminate();
  });

  test('messages taken by awaitMessage() and by the event loop keep the order they were posted in', async () => {
    const w = new FixtureWorker('echo');
    await w.next('pong');
    const order: number[] = [];
    w.handle.onMessage((m) => order.push((m as unknown as { i: number }).i));
    w.send({ type: 'burst', count: 200 });
    expect(w.handle.awaitMessage!(10_000)).toBe(true);
    expect(w.handle.awaitMessage!(10_000)).toBe(true);
    for (let i = 0; i < 200; i++) await w.next('n');
    expect(order).toEqual(Array.from({ length: 200 }, (_, i) => i));
    await w.handle.terminate();
  });

  test('messages on parentPort (the user\'s own) are not delivered as protocol messages', async () => {
    const w = new FixtureWorker('echo');
    await w.next('pong');
    const seen: unknown[] = [];
    w.handle.onMessage((m) => seen.push(m));
    w.send({ type: 'untagged' });
    await w.next('afterUntagged');
    expect(seen).toEqual([{ type: 'afterUntagged' }]);
    await w.handle.terminate();
  });

  test('messages the worker posted just before it exited are delivered before its exit report', async () => {
    const w = new FixtureWorker('echo');
    await w.next('pong');
    const order: string[] = [];
    w.handle.onMessage((m) => order.push((m as unknown as { type: string }).type));
    w.handle.onExit(() => order.push('exit'));
    w.send({ type: 'reportThenExit', count: 50 });
    expect((await w.exited).code).toBe(0);
    expect(order).toEqual([...Array<string>(50).fill('last'), 'exit']);
  });

  test('a worker that lingers for messages still runs its timers while messages keep coming', async () => {
    const w = new FixtureWorker('linger');
    await w.next('started');
    // A steady stream for 50 ms, one message every ~10 µs: each can arrive while the worker
    // waits on the doorbell, so only the bound on lingering lets its event loop run.
    let sent = 0;
    const end = performance.now() + 50;
    while (performance.now() < end) {
      w.send({ type: 'flood', n: sent++ });
      const paced = performance.now() + 0.01;
      while (performance.now() < paced);
    }
    w.send({ type: 'floodEnd' });
    const report = await w.next('flooded');
    expect(report.timerRan).toBe(true);
    expect(report.firstSeenAt, 'the timer armed by the first message only ran after the stream').toBeGreaterThan(0);
    expect(report.firstSeenAt).toBeLessThan(sent);
    await w.handle.terminate();
  });

  test('an uncaught error ends the worker with one exit report carrying the error, exactly once', async () => {
    const w = new FixtureWorker('echo');
    await w.next('pong');
    const exits: WorkerExit[] = [];
    w.handle.onExit((e) => exits.push(e));
    w.send({ type: 'throw' });
    const exit = await w.exited;
    expect(exit.code).toBe(1);
    expect(exit.signal).toBeNull();
    expect(exit.error?.message).toBe('echo fixture crashed on request');
    expect(exit.resourceLimit).toBeUndefined();
    await w.handle.terminate(); // after exit: harmless, no second report
    const late = await new Promise<WorkerExit>((resolve) => w.handle.onExit(resolve));
    expect(late).toBe(exit);
    expect(exits).toEqual([exit]);
  });

  test('running out of resourceLimits memory is reported with resourceLimit: true', async () => {
    const handle = backend.spawn({
      entry: new URL('./fixtures/echo.mjs', import.meta.url),
      boot: { protocol: 1, backend: 'worker_threads', name: 'oom' },
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    const exited = new Promise<WorkerExit>((resolve) => handle.onExit(resolve));
    handle.post({ type: 'exhaustMemory' } as never);
    const exit = await exited;
    expect(exit.resourceLimit).toBe(true);
    expect((exit.error as { code?: string } | undefined)?.code).toBe('ERR_WORKER_OUT_OF_MEMORY');
    expect(exit.code).not.toBe(0);
  });

  test('terminate() is idempotent and resolves after the exit listeners ran', async () => {
    const w = new FixtureWorker('echo');
    await w.next('pong');
    let listenerRan = false;
    w.handle.onExit(() => (listenerRan = true));
    const first = w.handle.terminate();
    const second = w.handle.terminate();
    expect(second).toBe(first);
    await first;
    expect(listenerRan).toBe(true);
    expect((await w.exited).code).toBe(1);
  });

  test('a spawn whose entry cannot be loaded reports the failure through onExit', async () => {
    const handle = backend.spawn({
      entry: new URL('./fixtures/does-not-exist.mjs', import.meta.url),
      boot: { protocol: 1, backend: 'worker_threads', name: 'missing' },
    });
    const exit = await new Promise<WorkerExit>((resolve) => handle.onExit(resolve));
    expect(exit.code).not.toBe(0);
    expect(exit.error?.message).toMatch(/does-not-exist/);
  });
});

describe('backend identity and availability', () => {
  test('the backend is named worker_threads and is available on this Node', () => {
    expect(backend.name).toBe('worker_threads');
    expect(backend.unavailableReason()).toBeNull();
  });

  test('currentIdent() is the thread id; workerSide() is null in a thread the backend did not spawn', () => {
    expect(backend.currentIdent()).toBe(threadId);
    expect(backend.workerSide()).toBeNull();
  });

  test('revive() refuses a descriptor from another backend with a message naming it', () => {
    expect(() => backend.revive({ backend: 'child_process', type: 'semlock' })).toThrow(/made by backend "child_process"/);
  });
});
