import { describe, expect, test } from 'vitest';
import { resolveFn } from '../src/functions/fn-ref.js';

describe('resolveFn with { module, name } objects', () => {
  const url = 'file:///tasks/work.mjs';

  test('an object passed again is resolved once', () => {
    const ref = { module: url, name: 'square' };
    const first = resolveFn(ref, 'submit()');
    expect(first.ref).toEqual({ kind: 'module', module: url, name: 'square' });
    expect(resolveFn(ref, 'submit()')).toBe(first);
  });

  test('an object changed since it was last passed resolves to what it says now', () => {
    const ref: { module: string; name?: string } = { module: url, name: 'square' };
    resolveFn(ref, 'submit()');
    ref.name = 'cube';
    expect(resolveFn(ref, 'submit()').ref).toEqual({ kind: 'module', module: url, name: 'cube' });
    ref.module = 'file:///tasks/other.mjs';
    expect(resolveFn(ref, 'submit()').key).toBe('module:file:///tasks/other.mjs#cube');
    delete ref.name;
    expect(resolveFn(ref, 'submit()').ref).toEqual({ kind: 'module', module: 'file:///tasks/other.mjs', name: 'default' });
  });

  test('a URL object changed in place is followed (it is never cached)', () => {
    const where = new URL(url);
    const ref = { module: where, name: 'square' };
    expect(resolveFn(ref, 'submit()').ref).toMatchObject({ module: url });
    where.pathname = '/tasks/moved.mjs';
    expect(resolveFn(ref, 'submit()').ref).toMatchObject({ module: 'file:///tasks/moved.mjs' });
  });

  test('a bad name fails every time, not only the first', () => {
    const ref = { module: url, name: '' };
    expect(() => resolveFn(ref, 'submit()')).toThrow(/name must be a non-empty string/);
    expect(() => resolveFn(ref, 'submit()')).toThrow(/name must be a non-empty string/);
  });
});
