import { fork } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { childProcessBackend as backend } from '../dist/index.js';
import { FIXTURES, goneWithin, isAlive, startAgent } from './helpers.js';

describe('mutual exclusion across processes', () => {
  test('three children and the owner increment a file counter under one Lock without losing an update', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weft-cp-'));
    const file = join(dir, 'counter');
    await writeFile(file, '0');
    try {
      const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
      const agents = await Promise.all([startAgent(), startAgent(), startAgent()]);
      const perWorker = 40;
      const ownerLoop = (async () => {
        for (let i = 0; i < perWorker; i++) {
          await lock.acquire({});
          const v = Number(await readFile(file, 'utf8'));
          await new Promise((r) => setImmediate(r));
          await writeFile(file, String(v + 1));
          lock.release(1);
        }
      })();
      await Promise.all([...agents.map((a) => a.run('countUnderLock', lock.describe(), file, perWorker)), ownerLoop]);
      expect(Number(await readFile(file, 'utf8'))).toBe(4 * perWorker);
      expect(lock.value()).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a grandchild reaches a Lock owned by the root, routed through its parent', async () => {
    const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
    const agent = await startAgent();
    await lock.acquire({});
    const viaGrandchild = agent.run('viaGrandchild', 'callWithTimeout', lock.describe(), 'acquire', 40);
    expect((await viaGrandchild).result).toEqual({ value: false });
    lock.release(1);
    const r = await agent.run('viaGrandchild', 'lockQueries', lock.describe());
    expect(r.result).toEqual({ before: [1, 0], during: [0, 1], after: [1, 0] });
    expect(r.pid).not.toBe(agent.pid);
    expect(await goneWithin(r.pid, 5000)).toBe(true);
  });
});

describe('a process that dies gives back what it held', () => {
  test('a child SIGKILLed while holding a Lock releases it; a waiting child gets it', async () => {
    const lock = backend.createSemLock({ kind: 'lock', value: 1, max: 1 });
    const held = backend.createEvent();
    const [holder, waiter] = await Promise.all([startAgent(), startAgent()]);
    holder.run('holdForever', lock.describe(), held.describe()).catch(() => {});
    expect(await held.wait({ timeout: 10_000 })).toBe(true);
    const waiting = waiter.run('callWithTimeout', lock.describe(), 'acquire', 20_000);
    process.kill(holder.pid, 'SIGKILL');
    expect(await waiting).toEqual({ value: true });
    expect((await holder.exited()).signal).toBe('SIGKILL');
  });

  test('the units a killed child took come back, and only those', async () => {
    const sem = backend.createSemLock({ kind: 'semaphore', value: 4, max: 4 });
    const [held, otherHeld] = [backend.createEvent(), backend.createEvent()];
    const [holder, other] = await Promise.all([startAgent(), startAgent()]);
    holder.run('holdForever', sem.describe(), held.describe(), 2).catch(() => {});
    other.run('holdForever', sem.describe(), otherHeld.describe(), 1).catch(() => {});
    expect(await held.wait({ timeout: 10_000 })).toBe(true);
    expect(await otherHeld.wait({ timeout: 10_000 })).toBe(true);
    expect(sem.value()).toBe(1);
    process.kill(holder.pid, 'SIGKILL');
    await holder.exited(); // onExit is reported after the release
    expect(sem.value()).toBe(3);
  });

  test('a grandchild holding the root\'s RLock is released when its parent is SIGKILLed', async () => {
    const rlock = backend.createSemLock({ kind: 'rlock', value: 1, max: 1 });
    const held = backend.createEvent();
    const middle = await startAgent();
    const grandchild: number = await middle.run('startGrandchild', 'holdForever', rlock.describe(), held.describe());
    expect(await held.wait({ timeout: 10_000 })).toBe(true);
    expect(rlock.value()).toBe(0);
    process.kill(middle.pid, 'SIGKILL');
    expect(await rlock.acquire({ timeout: 10_000 })).toBe(true);
    expect(await goneWithin(grandchild, 5000)).toBe(true);
  });

  test('items a killed child put into a Queue are not lost', async () => {
    const q = backend.createQueue(0);
    const done = backend.createEvent();
    const putter = await startAgent();
    putter.run('putThenHang', q.describe(), ['a', 'b', { c: [1, 2] }], done.describe()).catch(() => {});
    expect(await done.wait({ timeout: 10_000 })).toBe(true);
    process.kill(putter.pid, 'SIGKILL');
    await putter.exited();
    expect([await q.get({}), await q.get({}), await q.get({})]).toEqual(['a', 'b', { c: [1, 2] }]);
  });

  test('a wait on a primitive whose owner dies rejects instead of hanging', async () => {
    const owner = await startAgent();
    const lock = backend.revive(await owner.run('makeHeldLock')) as ReturnType<typeof backend.createSemLock>;
    const waiting = lock.acquire({});
    process.kill(owner.pid, 'SIGKILL');
    await expect(waiting).rejects.toMatchObject({ name: 'InvalidStateError', message: expect.stringContaining('exited') });
    await expect(lock.acquire({})).rejects.toMatchObject({ name: 'InvalidStateError' });
  });
});

describe('no orphans, no hanging parents', () => {
  test('children and grandchildren exit promptly when their parent is SIGKILLed', async () => {
    const middle = fork(new URL('middle.mjs', FIXTURES), [], { serialization: 'advanced', stdio: 'inherit' });
    const pids = await new Promise<{ child: number; grandchild: number }>((resolve, reject) => {
      middle.once('message', (m) => resolve(m as { child: number; grandchild: number }));
      middle.once('exit', (code) => reject(new Error(`middle.mjs exited early with ${code}`)));
    });
    expect(isAlive(pids.child) && isAlive(pids.grandchild)).toBe(true);
    middle.kill('SIGKILL');
    expect(await goneWithin(pids.child, 5000)).toBe(true);
    expect(await goneWithin(pids.grandchild, 5000)).toBe(true);
  });

  test('a child and grandchild spinning synchronously (one ignoring SIGTERM) still exit when their parent is SIGKILLed', async () => {
    const middle = fork(new URL('middle.mjs', FIXTURES), ['busy'], { serialization: 'advanced', stdio: 'inherit' });
    const pids = await new Promise<{ child: number; grandchild: number }>((resolve, reject) => {
      middle.once('message', (m) => resolve(m as { child: number; grandchild: number }));
      middle.once('exit', (code) => reject(new Error(`middle.mjs exited early with ${code}`)));
    });
    try {
      expect(isAlive(pids.child) && isAlive(pids.grandchild)).toBe(true);
      middle.kill('SIGKILL');
      // the watchdog looks every 100 ms; the grandchild needs SIGKILL, 1 s after SIGTERM
      expect(await goneWithin(pids.child, 5000)).toBe(true);
      expect(await goneWithin(pids.grandchild, 5000)).toBe(true);
    } finally {
      for (const pid of [pids.child, pids.grandchild]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  test('an idle (unref\'d) child does not keep its parent alive, and a pending remote wait does', async () => {
    const parent = fork(new URL('idle-parent.mjs', FIXTURES), [], { stdio: ['inherit', 'pipe', 'inherit', 'ipc'] });
    let out = '';
    parent.stdout?.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => parent.on('exit', resolve));
    expect(code).toBe(0);
    const seen = JSON.parse(out) as { acquired: boolean; child: number };
    expect(seen.acquired).toBe(true);
    expect(await goneWithin(seen.child, 5000)).toBe(true);
  });
});
