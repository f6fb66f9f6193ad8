// Whether a process stays alive is only observable from outside it: each case runs a small
// script in a fresh `node` process and checks that it finished by itself, and with what output.
import { spawn } from 'node:child_process';
import { describe, expect, test } from 'vitest';

const esmDist = new URL('../dist/index.js', import.meta.url).href;
const helper = new URL('./fixtures/release-then-set.mjs', import.meta.url).href;
const echo = new URL('./fixtures/echo.mjs', import.meta.url).href;
/** Upper bound for a script that should finish by itself; reaching it fails the test. */
const kScriptLimitMs = 20_000;

function runScript(source: string): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const limit = setTimeout(() => child.kill('SIGKILL'), kScriptLimitMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('keeping the process alive', () => {
  test('a process that used every primitive and has nothing pending exits by itself', async () => {
    const r = await runScript(`
      import { workerThreadsBackend as b } from ${JSON.stringify(esmDist)};
      const lock = b.createSemLock({ kind: 'lock', value: 1, max: 1 });
      await lock.acquire({}); lock.release(1);
      const sem = b.createSemLock({ kind: 'semaphore', value: 1, max: 1 });
      await sem.acquire({}); sem.release(1);
      const ev = b.createEvent(); ev.set(); await ev.wait({});
      const cond = b.createCondition(b.createSemLock({ kind: 'rlock', value: 1, max: 1 }));
      await cond.lock.acquire({}); await cond.wait({ timeout: 5 }); cond.lock.release(1);
      const bar = b.createBarrier(1); await bar.wait({});
      const q = b.createQueue(0); await q.put(1, {}); await q.get({}); q.close();
      console.log('done');
    `);
    expect(r).toMatchObject({ code: 0, signal: null });
    expect(r.stdout.trim()).toBe('done');
  });

  test('a wait with a timeout and nothing else pending keeps the process alive until it times out', async () => {
    const r = await runScript(`
      import { workerThreadsBackend as b } from ${JSON.stringify(esmDist)};
      const ev = b.createEvent();
      const started = performance.now();
      const result = await ev.wait({ timeout: 300 });
      console.log(result, performance.now() - started >= 290);
    `);
    expect(r).toMatchObject({ code: 0, signal: null });
    expect(r.stdout.trim()).toBe('false true');
  });

  test('a pending wait keeps the process alive until an unref()ed worker ends it', async () => {
    // The worker is unref()ed and started after main began waiting on the gate, so only the
    // pending waits can keep the process alive until the worker opens the gate, releases the
    // lock and sets the event.
    const r = await runScript(`
      import { Worker } from 'node:worker_threads';
      import { workerThreadsBackend as b } from ${JSON.stringify(esmDist)};
      const ev = b.createEvent();
      const lock = b.createSemLock({ kind: 'lock', value: 1, max: 1 });
      const gate = b.createEvent();
      const gateOpened = gate.wait({});
      const worker = new Worker(new URL(${JSON.stringify(helper)}), {
        workerData: { ev: ev.describe(), lock: lock.describe(), gate: gate.describe() },
        execArgv: [], // not the parent's --input-type, which a file-based worker refuses
      });
      worker.unref();
      await gateOpened;
      const [gotLock, evSet] = await Promise.all([lock.acquire({}), ev.wait({})]);
      console.log('woke', gotLock, evSet);
    `);
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ code: 0, signal: null });
    expect(r.stdout.trim()).toBe('woke true true');
  });

  test('a spawned worker that is unref()ed does not keep the process alive', async () => {
    // The echo fixture waits for commands forever; only unref() lets the parent exit.
    const r = await runScript(`
      import { workerThreadsBackend as b } from ${JSON.stringify(esmDist)};
      const handle = b.spawn({ entry: new URL(${JSON.stringify(echo)}), boot: { protocol: 1, backend: 'worker_threads', name: 'idle' } });
      handle.onMessage((m) => { console.log(m.type); handle.unref(); });
      handle.post({ type: 'ping' });
    `);
    expect(r).toMatchObject({ code: 0, signal: null });
    expect(r.stdout.trim()).toBe('pong');
  });
});
