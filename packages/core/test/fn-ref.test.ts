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

describe('resolveFn with plain functions', () => {
  test('a closure made anew for each call resolves to the same reference', () => {
    const make = () => (x: number) => x + 1;
    const first = resolveFn(make(), 'submit()');
    expect(first.ref).toEqual({ kind: 'source', source: '(x) => x + 1', name: '' });
    expect(resolveFn(make(), 'submit()')).toBe(first);
  });

  test('the same source under another name keeps its own name', () => {
    const double = (x: number) => x * 2;
    const twice = (x: number) => x * 2;
    expect(resolveFn(double, 'submit()').ref).toMatchObject({ name: 'double' });
    expect(resolveFn(twice, 'submit()').ref).toMatchObject({ name: 'twice' });
    expect(resolveFn(double, 'submit()').ref).toMatchObject({ name: 'double' });
  });

  test('many distinct sources: each still resolves to its own source', () => {
    const made = Array.from({ length: 1500 }, (_, i) => new Function('x', `return x + ${i}`));
    for (const fn of made) resolveFn(fn, 'submit()');
    const again = new Function('x', 'return x + 0');
    expect(resolveFn(again, 'submit()').ref).toMatchObject({ kind: 'source', source: expect.stringContaining('return x + 0') });
  });

  test('a built-in fails every time, not only the first', () => {
    expect(() => resolveFn(Math.sqrt, 'submit()')).toThrow(/built-in or bound function/);
    expect(() => resolveFn(Math.sqrt, 'submit()')).toThrow(/built-in or bound function/);
  });
});
