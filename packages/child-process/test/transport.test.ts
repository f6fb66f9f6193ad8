import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { PROTOCOL_TAG } from '@weft/spi';
import { TERMINATE_GRACE_MS, childProcessBackend as backend } from '../dist/index.js';
import { FIXTURES, startAgent } from './helpers.js';

describe('ProcessWorker transport', () => {
  test('ident is the pid, and protocol messages posted before the child is ready are not lost', async () => {
    const agent = await startAgent();
    expect(agent.pid).toBeGreaterThan(0);
    expect(await agent.run('pid')).toBe(agent.pid);
  });

  test('values round-trip with advanced serialization (Map, Set, BigInt, Date, typed arrays, errors)', async () => {
    const agent = await startAgent();
    const value = { m: new Map([[1n, new Set(['a'])]]), d: new Date(5), u: new Uint8Array([1, 2]), e: new RangeError('r') };
    const back = await agent.run('echo', value);
    expect(back.m).toEqual(value.m);
    expect(back.d).toEqual(value.d);
    expect(back.u).toEqual(value.u);
    expect(back.e).toBeInstanceOf(RangeError);
  });

  test("the child's own untagged process.send messages are ignored by the runtime", async () => {
    const agent = await startAgent();
    const seen: unknown[] = [];
    agent.worker.onMessage((m) => seen.push(m));
    expect(await agent.run('userSend', { hello: 'user' })).toBe(true);
    expect(seen.every((m) => typeof m === 'object' && m !== null && 'type' in m)).toBe(true);
    expect(seen.some((m) => (m as { hello?: unknown }).hello !== undefined)).toBe(false);
    expect(PROTOCOL_TAG).toBe('__weft__');
  });

  test('children inherit the environment, the backend choice, and the parent\'s Node flags plus the heap cap', async () => {
    process.env.WEFT_TEST_MARKER = 'inherited';
    const agent = await startAgent({ resourceLimits: { maxOldGenerationSizeMb: 64 } });
    expect(await agent.run('env', 'WEFT_TEST_MARKER')).toBe('inherited');
    expect(await agent.run('env', 'WEFT_BACKEND')).toBe('child_process');
    expect(await agent.run('env', 'WEFT_BOOT')).toBe(null); // consumed, so the user's own forks do not inherit it
    const argv: string[] = await agent.run('execArgv');
    expect(argv).toContain('--max-old-space-size=64');
    for (const flag of process.execArgv.filter((f) => !f.startsWith('--inspect'))) expect(argv).toContain(flag);
  });

  test('a parent running under tsx forks children that load TypeScript entries (the loader is inherited)', async () => {
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
    const out = await new Promise<string>((resolve, reject) =>
      execFile(tsx, [fileURLToPath(new URL('tsx-parent.ts', FIXTURES))], { timeout: 20_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    const result = JSON.parse(out.trim()) as { ok: boolean; value: { answer: number; execArgv: string[] } };
    expect(result.value.answer).toBe(42);
    expect(result.value.execArgv.join(' ')).toContain('tsx');
  });

  test('onExit fires once with the exit code; terminate() is idempotent', async () => {
    const agent = await startAgent();
    const exits: unknown[] = [];
    agent.worker.onExit((e) => exits.push(e));
    const first = agent.worker.terminate();
    expect(agent.worker.terminate()).toBe(first);
    await first;
    await agent.worker.terminate();
    expect(exits).toEqual([expect.objectContaining({ code: null, signal: 'SIGTERM', resourceLimit: false })]);
    const late: unknown[] = [];
    agent.worker.onExit((e) => late.push(e));
    await Promise.resolve();
    expect(late).toHaveLength(1);
  });

  test('terminate() escalates to SIGKILL when SIGTERM is ignored', async () => {
    const agent = await startAgent();
    await agent.run('ignoreSigterm');
    const started = Date.now();
    await agent.worker.terminate();
    expect((await agent.exited()).signal).toBe('SIGKILL');
    expect(Date.now() - started).toBeGreaterThanOrEqual(TERMINATE_GRACE_MS - 50);
  });

  test('a child that runs out of its heap cap is reported with resourceLimit: true', async () => {
    const agent = await startAgent({ resourceLimits: { maxOldGenerationSizeMb: 32 } });
    agent.run('exhaustHeap').catch(() => {});
    const exit = await agent.exited();
    expect(exit.resourceLimit).toBe(true);
    expect(exit.signal ?? exit.code).toBeTruthy();
  });

  test('a child that crashes for another reason is not a resource-limit exit', async () => {
    const agent = await startAgent({ resourceLimits: { maxOldGenerationSizeMb: 64 } });
    process.kill(agent.pid, 'SIGABRT');
    const exit = await agent.exited();
    expect(exit.signal).toBe('SIGABRT');
    expect(exit.resourceLimit).toBe(false);
  });

  test('backend basics: name, availability, current ident, foreign descriptors refused', () => {
    expect(backend.name).toBe('child_process');
    expect(backend.unavailableReason()).toBe(null);
    expect(backend.currentIdent()).toBe(process.pid);
    expect(backend.workerSide()).toBe(null); // the test process was not forked by weft
    expect(() => backend.revive({ backend: 'worker_threads', type: 'event' })).toThrow(/worker_threads primitive descriptor/);
  });
});
