import { afterEach, describe, expect, test } from 'vitest';
import { ENV_MALLOC_TUNED, dropMallocTuning, mallocTuningEnv } from '../src/malloc-tuning.js';
import { startAgent } from './helpers.js';

const TUNED = 'glibc.malloc.trim_threshold=33554432:glibc.malloc.mmap_threshold=33554432';

describe('mallocTuningEnv', () => {
  test('on Linux, a child keeps freed heap for reuse, marked as weft\'s setting', () => {
    expect(mallocTuningEnv({ PATH: '/bin' }, 'linux')).toEqual({ GLIBC_TUNABLES: TUNED, [ENV_MALLOC_TUNED]: '1' });
  });

  test("the user's own malloc settings win, even an empty GLIBC_TUNABLES", () => {
    for (const name of ['GLIBC_TUNABLES', 'MALLOC_TRIM_THRESHOLD_', 'MALLOC_MMAP_THRESHOLD_', 'MALLOC_TOP_PAD_', 'MALLOC_MMAP_MAX_', 'MALLOC_ARENA_MAX']) {
      expect(mallocTuningEnv({ [name]: '' }, 'linux'), name).toEqual({});
    }
  });

  test('nothing is added off Linux', () => {
    for (const platform of ['darwin', 'win32', 'freebsd'] as const) expect(mallocTuningEnv({}, platform)).toEqual({});
  });
});

describe('dropMallocTuning', () => {
  test("drops the setting weft made, and leaves a user's alone", () => {
    const ours = { GLIBC_TUNABLES: TUNED, [ENV_MALLOC_TUNED]: '1', KEEP: 'x' };
    dropMallocTuning(ours);
    expect(ours).toEqual({ KEEP: 'x' });
    const theirs = { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' };
    dropMallocTuning(theirs);
    expect(theirs).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' });
  });
});

describe('a forked child', () => {
  const saved = process.env.GLIBC_TUNABLES;
  afterEach(() => {
    if (saved === undefined) delete process.env.GLIBC_TUNABLES;
    else process.env.GLIBC_TUNABLES = saved;
  });

  test('starts with the tuning (Linux) and does not pass it on to what its tasks start', async () => {
    delete process.env.GLIBC_TUNABLES;
    const agent = await startAgent();
    const started: string | null = await agent.run('startTunables');
    // glibc may cut the entry at its first ':' in place once it has read it; the start is enough
    if (process.platform === 'linux') expect(started).toMatch(/^GLIBC_TUNABLES=glibc\.malloc\.trim_threshold=33554432/);
    else expect(started).toBe(null);
    expect(await agent.run('env', 'GLIBC_TUNABLES')).toBe(null);
    expect(await agent.run('env', ENV_MALLOC_TUNED)).toBe(null);
  });

  test("gets the parent's own GLIBC_TUNABLES unchanged, and keeps it for what its tasks start", async () => {
    process.env.GLIBC_TUNABLES = 'glibc.malloc.arena_max=2';
    const agent = await startAgent();
    expect(await agent.run('env', 'GLIBC_TUNABLES')).toBe('glibc.malloc.arena_max=2');
    expect(await agent.run('env', ENV_MALLOC_TUNED)).toBe(null);
  });
});
