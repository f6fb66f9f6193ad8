import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ClosureError, type ModuleRef, Queue, Worker, task } from '@weft/core';
import { add, addLater, ownModuleFileName, scaledSquare, square } from '../fixtures/arithmetic.mjs';
import { doubleThenIncrement } from '../fixtures/esbuild-named-function.mjs';
import { recallValue, rememberValue } from '../fixtures/remember-in-worker.mjs';
import { plain, renamed } from '../fixtures/renamed-task.mjs';
import { reportIntoQueue } from '../fixtures/worker-targets.mjs';
import { type ConformanceContext, fixtureUrl } from '../support/context.js';
import { errorOf, rejectionOf } from '../support/error-of.js';
import { PROMPT_MS } from '../support/limits.js';
import { poolPerTest, sharedPool } from '../support/pools.js';

// Each function form, for each place a function is accepted. The plain functions are
// self-contained on purpose (they are sent as source).
const FORMS = [
  {
    form: 'a task reference',
    square,
    add,
    remember: rememberValue,
    report: reportIntoQueue,
  },
  {
    form: 'a module reference',
    square: { module: fixtureUrl('arithmetic.mjs'), name: 'square' },
    add: { module: fixtureUrl('arithmetic.mjs'), name: 'add' },
    remember: { module: fixtureUrl('remember-in-worker.mjs'), name: 'rememberValue' },
    report: { module: fixtureUrl('worker-targets.mjs'), name: 'reportIntoQueue' },
  },
  {
    form: 'a plain function',
    square: (x: number) => x * x,
    add: (a: number, b: number) => a + b,
    remember: (key: string, value: unknown) => {
      const store = ((globalThis as Record<symbol, unknown>)[Symbol.for('weft.conformance.remembered')] ??= new Map()) as Map<string, unknown>;
      store.set(key, value);
    },
    report: async (queue: { put(item: unknown): Promise<void> }, tag: string) => {
      await queue.put({ tag });
    },
  },
] as const;

export function functionsSuite(_ctx: ConformanceContext): void {
  describe('shipping work to a worker', () => {
    const pool = sharedPool({ maxWorkers: 2 });
    const pools = poolPerTest();

    test('task() returns the function itself, still callable in the caller', () => {
      const fn = function localDouble(x: number): number {
        return 2 * x;
      };
      expect(task(import.meta.url, fn)).toBe(fn);
      expect(add(2, 3)).toBe(5);
    });

    test("a task reference runs in a worker that imported its module: module imports, helpers and state work", async () => {
      expect(await pool().submit(scaledSquare, 3)).toBe(90);
      expect(await pool().submit(ownModuleFileName)).toBe('arithmetic.mjs');
      expect(await pool().submit(addLater, 2, 3)).toBe(5);
    });

    test('a module reference { module, name } runs that named export', async () => {
      expect(await pool().submit({ module: fixtureUrl('arithmetic.mjs'), name: 'multiply' }, 6, 7)).toBe(42);
    });

    test('a module reference without a name runs the default export', async () => {
      expect(await pool().submit({ module: fixtureUrl('arithmetic.mjs') }, 5)).toBe(-5);
    });

    test('a module reference may name its module by URL object, URL string or file path', async () => {
      const url = fixtureUrl('arithmetic.mjs');
      expect(await pool().submit({ module: url, name: 'multiply' }, 2, 3)).toBe(6);
      expect(await pool().submit({ module: url.href, name: 'multiply' }, 2, 4)).toBe(8);
      expect(await pool().submit({ module: fileURLToPath(url), name: 'multiply' }, 2, 5)).toBe(10);
    });

    test('a plain self-contained function is sent as source and runs in the worker', async () => {
      expect(await pool().submit((a: number, b: number) => a * b + 1, 6, 7)).toBe(43);
      expect(await pool().submit(async (s: string) => s.toUpperCase(), 'weft')).toBe('WEFT');
    });

    test('a plain function that uses a variable from its closure fails with ClosureError naming the variable and the fix', async () => {
      const factor = 3;
      const err = await errorOf(() => pool().submit((x: number) => x * factor, 2));
      expect(err).toBeInstanceOf(ClosureError);
      const message = (err as Error).message;
      expect(message).toContain('factor');
      expect(message).toMatch(/argument/i);
      expect(message).toContain('task(');
      // The pool is unaffected.
      expect(await pool().submit(square, 4)).toBe(16);
    });

    test('a plain function receives primitives as working instances, even as the first task of a fresh worker', async () => {
      // A fresh pool: its worker has imported no task module (and so no @weft/core) before.
      const fresh = pools.open({ maxWorkers: 1 });
      const inbox = new Queue<string>();
      const done = await fresh.submit(async (queue: Queue<string>, item: string) => {
        await queue.put(item);
        return 'put';
      }, inbox, 'from a plain function');
      expect(done).toBe('put');
      expect(await inbox.get({ timeout: PROMPT_MS })).toBe('from a plain function');
    });

    test("a plain function whose source carries esbuild's __name helper still runs", async () => {
      expect(doubleThenIncrement.toString()).toContain('__name(');
      expect(await pool().submit(doubleThenIncrement, 5)).toBe(11);
    });

    test('defining two tasks with the same name in one module fails at definition time, naming the task', async () => {
      const err = await rejectionOf(import('../fixtures/colliding-task-names.mjs'));
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toContain('twin');
    });

    test("task()'s name option tells apart two functions of the same name", async () => {
      expect(await pool().submit(plain, 1)).toBe('plain 1');
      expect(await pool().submit(renamed, 2)).toBe('renamed 2');
    });

    test('a CommonJS module defines tasks with task(__filename, fn)', async () => {
      const { triple } = await import('../fixtures/triple.cjs');
      expect(await pool().submit(triple, 14)).toBe(42);
    });

    // One call site serves the three forms, so each is passed through the loosest overload
    // (`as ModuleRef` is a type-level device only; at run time each form is passed as it is).
    describe.each(FORMS)('$form is accepted everywhere a function is', (forms) => {
      test('by submit()', async () => {
        expect(await pool().submit(forms.square as ModuleRef, 9)).toBe(81);
      });

      test('by map()', async () => {
        expect(await pool().map(forms.square as ModuleRef, [1, 2, 3])).toEqual([1, 4, 9]);
      });

      test('by starmap()', async () => {
        expect(await pool().starmap(forms.add as ModuleRef, [[1, 2], [3, 4]])).toEqual([3, 7]);
      });

      test('as the initializer', async () => {
        const own = pools.open({ maxWorkers: 1, initializer: forms.remember as ModuleRef, initargs: ['greeting', 'hello from the initializer'] });
        expect(await own.submit(recallValue, 'greeting')).toBe('hello from the initializer');
      });

      test('as a Worker target', async () => {
        const inbox = new Queue<{ tag: string }>();
        const worker = new Worker({ target: forms.report as ModuleRef, args: [inbox, forms.form] });
        worker.start();
        expect(await inbox.get({ timeout: PROMPT_MS })).toMatchObject({ tag: forms.form });
        expect(await worker.join({ timeout: PROMPT_MS })).toBe(true);
        expect(worker.exitCode).toBe(0);
      });
    });
  });
}
