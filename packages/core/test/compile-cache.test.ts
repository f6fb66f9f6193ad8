import { describe, expect, test } from 'vitest';
import { compileCacheEnv } from '@weft/spi';

describe('compileCacheEnv(): a compile cache the application turned on reaches its workers', () => {
  test('passes the directory on when the cache is on and NODE_COMPILE_CACHE does not say it', () => {
    expect(compileCacheEnv({}, () => '/tmp/cache/v22-x64')).toEqual({ NODE_COMPILE_CACHE: '/tmp/cache/v22-x64' });
  });

  test("passes the cache's root, not this Node build's subdirectory in it, so workers share one cache", () => {
    const own = `/tmp/cache/v${process.versions.node}-x64-9de703df-0`;
    expect(compileCacheEnv({}, () => own)).toEqual({ NODE_COMPILE_CACHE: '/tmp/cache' });
  });

  test('adds nothing when the cache is off, or Node cannot tell (before 22.8)', () => {
    expect(compileCacheEnv({}, () => undefined)).toBeUndefined();
    expect(compileCacheEnv({}, undefined)).toBeUndefined();
  });

  test('adds nothing when NODE_COMPILE_CACHE is already set: workers inherit it, and it may point elsewhere on purpose', () => {
    let asked = false;
    const getDir = () => {
      asked = true;
      return '/tmp/other';
    };
    expect(compileCacheEnv({ NODE_COMPILE_CACHE: '/tmp/mine' }, getDir)).toBeUndefined();
    expect(asked).toBe(false);
  });

  test('on this Node, with nothing turned on, adds nothing', () => {
    expect(compileCacheEnv({})).toBeUndefined();
  });
});
