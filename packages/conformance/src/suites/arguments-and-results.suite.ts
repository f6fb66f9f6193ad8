import { MessageChannel } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { SerializationError, transfer } from '@weft/core';
import { square } from '../fixtures/arithmetic.mjs';
import { describeArguments, echo, echoAll, makeBytes, returnFunction, sumBytes } from '../fixtures/echo-arguments.mjs';
import { postOnPort } from '../fixtures/post-on-port.mjs';
import type { ConformanceContext } from '../support/context.js';
import { errorOf, rejectionOf } from '../support/error-of.js';
import { PROMPT_MS } from '../support/limits.js';
import { sharedPool } from '../support/pools.js';

export function argumentsAndResultsSuite({ backend }: ConformanceContext): void {
  describe('arguments, results and transfer', () => {
    const pool = sharedPool({ maxWorkers: 2 });

    test('Map, Set, Date, RegExp, BigInt, typed arrays and special numbers round-trip through a task', async () => {
      const value = {
        map: new Map<unknown, unknown>([
          ['a', 1],
          [2, { nested: true }],
        ]),
        set: new Set<unknown>([1, 'two', 3n]),
        date: new Date('2024-02-29T12:34:56.789Z'),
        regexp: /we(f)t/giu,
        bigint: 2n ** 70n,
        u8: new Uint8Array([1, 2, 255]),
        f64: new Float64Array([0.5, -1.25]),
        i64: new BigInt64Array([-(2n ** 63n)]),
        buffer: new Uint8Array([9, 8]).buffer,
        special: [undefined, null, Number.NaN, -0, Number.POSITIVE_INFINITY],
        nested: [[{ deep: [1, [2, { deeper: 'yes' }]] }]],
      };
      const back = await pool().submit(echo, value);
      expect(back).toEqual(value);
      expect(back.map).toBeInstanceOf(Map);
      expect(back.set).toBeInstanceOf(Set);
      expect(back.date).toBeInstanceOf(Date);
      expect(back.date.getTime()).toBe(value.date.getTime());
      expect(back.regexp).toBeInstanceOf(RegExp);
      expect(back.regexp.source).toBe('we(f)t');
      expect(back.regexp.flags).toBe('giu');
      expect(back.bigint).toBe(2n ** 70n);
      expect(back.u8).toBeInstanceOf(Uint8Array);
      expect(back.f64).toBeInstanceOf(Float64Array);
      expect(back.i64).toBeInstanceOf(BigInt64Array);
      expect(back.buffer).toBeInstanceOf(ArrayBuffer);
      expect(Object.is(back.special[3], -0)).toBe(true);
      expect(back.special[0]).toBeUndefined();
    });

    test('plain scalars come back exactly, one by one, as argument lists and through map', async () => {
      // tiny tasks of plain scalars take a compact path (one string per message): check it is exact,
      // integers read digit by digit (up to 15 digits) and the rest by Number() alike
      const scalars: unknown[] = [0, -0, 42, 999_999_999_999_999, 1e15, 1.5, -7, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_VALUE, 5e-324, 2 ** 53 + 2, 12345678901234567890n, -3n, '', 'text', 'a|b,c"\n', 'ünï ✓ 𝄞', 'lone \uD800 surrogate', 'n5', 'with\u0000nul', 'x'.repeat(5000), true, false, null, undefined];
      const one = await Promise.all(scalars.map((x) => pool().submit(echo, x)));
      const all = await pool().submit(echoAll, ...scalars);
      const mapped = await pool().map(echo, scalars, { chunksize: 4 });
      for (const [i, x] of scalars.entries()) {
        expect(Object.is(one[i], x), `submit(echo, ${String(x).slice(0, 20)})`).toBe(true);
        expect(Object.is(all[i], x), `echoAll argument ${i}`).toBe(true);
        expect(Object.is(mapped[i], x), `map item ${i}`).toBe(true);
      }
      expect(all).toHaveLength(scalars.length);
      expect(await pool().submit(describeArguments, 1n, 'one', 1, true, null, undefined)).toEqual(['[object BigInt]', '[object String]', '[object Number]', '[object Boolean]', '[object Null]', '[object Undefined]']);
    });

    test('arguments arrive in the worker as the same built-in types', async () => {
      const tags = await pool().submit(describeArguments, new Map(), new Set(), new Date(0), /x/, 1n, new Uint8Array(1), new Error('e'), new ArrayBuffer(2));
      expect(tags).toEqual([
        '[object Map]',
        '[object Set]',
        '[object Date]',
        '[object RegExp]',
        '[object BigInt]',
        '[object Uint8Array]',
        '[object Error]',
        '[object ArrayBuffer]',
      ]);
    });

    test('several arguments arrive in order, including undefined ones', async () => {
      expect(await pool().submit(echoAll, 1, undefined, 'three', null)).toEqual([1, undefined, 'three', null]);
    });

    test('Errors passed as values round-trip with their class and message', async () => {
      const back = await pool().submit(echo, { plain: new Error('plain one'), range: new RangeError('out of range'), type: new TypeError('wrong type') });
      expect(back.plain).toBeInstanceOf(Error);
      expect(back.plain.message).toBe('plain one');
      expect(back.range).toBeInstanceOf(RangeError);
      expect(back.range.message).toBe('out of range');
      expect(back.type).toBeInstanceOf(TypeError);
    });

    test('a result that cannot be cloned fails the task with SerializationError and the pool keeps working', async () => {
      const err = await rejectionOf(pool().submit(returnFunction));
      expect(err).toBeInstanceOf(SerializationError);
      expect(await pool().submit(square, 6)).toBe(36);
    });

    test("transfer(typedArray) hands the buffer over: the bytes arrive and the caller's view is detached, on both backends", async () => {
      const bytes = new Uint8Array([1, 2, 3, 4]);
      const seen = await pool().submit(sumBytes, transfer(bytes));
      expect(seen).toEqual({ sum: 10, byteLength: 4, tag: '[object Uint8Array]' });
      // threads: the memory moved to the worker; child_process: the memory moved out of the
      // caller's reach before its bytes went down the pipe. Either way the caller no longer has them.
      expect(bytes.byteLength).toBe(0);
      expect(bytes.buffer.byteLength).toBe(0);
    });

    test("transfer() of large arrays both ways: the bytes arrive exactly, the sender's buffers are detached, an unlisted array beside them is copied", async () => {
      const fill = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);
      const moved = [fill(1 << 20, 1), fill(300_000, 2)];
      const kept = fill(200_000, 3);
      const want = [...moved, kept].map((b) => Buffer.from(b));
      const back = pool().submit(echo, transfer({ moved, kept }, moved.map((b) => b.buffer)));
      const got = (await back) as { moved: Uint8Array[]; kept: Uint8Array };
      expect(moved.map((b) => b.byteLength)).toEqual([0, 0]);
      expect(Buffer.from(kept).equals(want[2]!)).toBe(true);
      expect(Buffer.from(got.moved[0]!).equals(want[0]!)).toBe(true);
      expect(Buffer.from(got.moved[1]!).equals(want[1]!)).toBe(true);
      expect(Buffer.from(got.kept).equals(want[2]!)).toBe(true);
      // and back: a worker hands over what it made
      const made = (await pool().submit(makeBytes, 1 << 20, 9)) as Uint8Array;
      expect(Buffer.from(made).equals(Buffer.from(fill(1 << 20, 9)))).toBe(true);
    });

    test('large buffers travel as copies both ways: the sender keeps its bytes; on threads views that shared a buffer still share one', async () => {
      const big = new Uint8Array(512 * 1024).fill(7);
      const window = new Uint16Array(big.buffer, 1024, 8);
      const back = await pool().submit(echo, { big, window, again: big });
      expect(big.byteLength).toBe(512 * 1024);
      expect(big[0]).toBe(7);
      expect(back.big).not.toBe(big);
      expect(back.big.byteLength).toBe(512 * 1024);
      expect(back.big.every((b: number) => b === 7)).toBe(true);
      expect(back.window).toBeInstanceOf(Uint16Array);
      expect([...back.window]).toEqual(Array(8).fill(0x0707));
      expect(back.again).toBe(back.big);
      // child_process: Node's IPC serializer sends each view's own bytes, not the buffer behind
      // it, so offsets and sharing between views are not kept there (the same as without weft).
      if (backend === 'worker_threads') {
        expect(back.window.byteOffset).toBe(1024);
        expect(back.window.buffer).toBe(back.big.buffer);
      }
      expect(await pool().submit(sumBytes, Buffer.alloc(256 * 1024, 1))).toEqual({ sum: 256 * 1024, byteLength: 256 * 1024, tag: '[object Uint8Array]' });
    });

    test('a burst of large arrays of every kind, with small tasks between, all come back byte for byte', async () => {
      // Each task's bytes are its own, so a buffer reused too early on either side shows.
      const fill = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed * 13) & 0xff);
      const sent = Array.from({ length: 24 }, (_, k) => {
        const bytes = fill(100_000 + k * 4096, k);
        return {
          k,
          bytes,
          doubles: new Float64Array(fill(8 * 9000, k + 1).buffer),
          view: new DataView(fill(70_000, k + 2).buffer),
          buf: Buffer.from(fill(65_536, k + 3)),
          small: new Int16Array([k, -k]),
        };
      });
      const futures = sent.flatMap((value, k) => [pool().submit(echo, value), pool().submit(square, k)]);
      const back = await Promise.all(futures);
      for (let k = 0; k < sent.length; k++) {
        const want = sent[k]!;
        const got = back[2 * k] as typeof want;
        expect(got.k).toBe(k);
        expect(Buffer.from(got.bytes).equals(Buffer.from(want.bytes)), `bytes of task ${k}`).toBe(true);
        expect(got.doubles).toBeInstanceOf(Float64Array);
        expect(Buffer.from(got.doubles.buffer, got.doubles.byteOffset, got.doubles.byteLength).equals(Buffer.from(want.doubles.buffer)), `doubles of task ${k}`).toBe(true);
        expect(got.view).toBeInstanceOf(DataView);
        expect(Buffer.from(got.view.buffer, got.view.byteOffset, got.view.byteLength).equals(Buffer.from(want.view.buffer)), `view of task ${k}`).toBe(true);
        expect(Buffer.from(got.buf).equals(want.buf), `buf of task ${k}`).toBe(true);
        expect([...got.small]).toEqual([k, k === 0 ? 0 : -k]);
        expect(back[2 * k + 1]).toBe(k * k);
      }
    });

    test('a buffer already handed over is rejected before sending, naming its position; the pool and other tasks go on', async () => {
      const bytes = new Uint8Array(100_000).fill(1);
      expect(await pool().submit(sumBytes, transfer(bytes))).toMatchObject({ sum: 100_000 });
      // a second transfer, a plain copy and a buffer inside an object: each has nothing left to send
      for (const args of [[transfer(bytes)], [bytes], [{ deep: [bytes.buffer] }]]) {
        const err = await errorOf(() => pool().submit(echo, ...(args as [unknown])));
        expect(err).toBeInstanceOf(SerializationError);
        expect((err as Error).message).toMatch(/args\[0\].* was detached.*keep a copy with \.slice\(\) before transferring/);
      }
      // a zero-length buffer that was never handed over is fine
      expect(await pool().submit(sumBytes, new Uint8Array(0))).toMatchObject({ byteLength: 0 });
      expect(await pool().submit(square, 7)).toBe(49);
    });

    test('a buffer listed twice in transferList is handed over once', async () => {
      const bytes = new Uint8Array([2, 3]);
      expect(await pool().submit(sumBytes, transfer(bytes, [bytes.buffer, bytes.buffer]))).toMatchObject({ sum: 5 });
      expect(bytes.byteLength).toBe(0);
    });

    test('transfer(arrayBuffer) sends an ArrayBuffer that arrives as an ArrayBuffer', async () => {
      const buffer = new Uint8Array([7, 7, 7]).buffer;
      const seen = await pool().submit(sumBytes, transfer(buffer));
      expect(seen).toEqual({ sum: 21, byteLength: 3, tag: '[object ArrayBuffer]' });
      expect(buffer.byteLength).toBe(0); // handed over, on both backends
    });

    test('transfer(value, transferList) sends a larger value and moves only the listed buffers', async () => {
      const moved = new Uint8Array([5, 6, 7]);
      const kept = new Uint8Array([1, 1]);
      const payload = { label: 'frame', moved, kept };
      const back = await pool().submit(echo, transfer(payload, [moved.buffer]));
      expect(back.label).toBe('frame');
      expect([...back.moved]).toEqual([5, 6, 7]);
      expect([...back.kept]).toEqual([1, 1]);
      // the listed buffer was handed over, on both backends
      expect(moved.byteLength).toBe(0);
      // The unlisted buffer was copied on both backends.
      expect([...kept]).toEqual([1, 1]);
    });

    test('a MessagePort marked with transfer() reaches a worker_threads worker; child_process rejects it before sending', async () => {
      const { port1, port2 } = new MessageChannel();
      try {
        if (backend === 'worker_threads') {
          const received = new Promise((resolve) => port1.once('message', resolve));
          expect(await pool().submit(postOnPort, transfer(port2), 'over the port')).toBe('posted');
          expect(await received).toBe('over the port');
        } else {
          // A MessagePort is an in-process object: it cannot be copied into another process, so
          // on child_process it is a non-cloneable argument, rejected before sending, naming its position.
          const err = await errorOf(() => pool().submit(postOnPort, transfer(port2), 'over the port'));
          expect(err).toBeInstanceOf(SerializationError);
          expect((err as Error).message).toContain('args[0]');
          expect(await pool().submit(square, 3)).toBe(9);
        }
      } finally {
        port1.close();
        port2.close();
      }
    }, PROMPT_MS);
  });
}
