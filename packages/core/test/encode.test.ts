import { describe, expect, it } from 'vitest';
import { SerializationError } from '@weft/spi';
import { encodeArgs, newEncodeState } from '../src/codec/encode.js';
import { transfer } from '../src/codec/transfer.js';

describe('argument encoding', () => {
  it('passes cloneable values through untouched', () => {
    const args = [1, 'a', 2n, new Map([[1, 2]]), new Set([1]), new Date(0), /x/g, new Uint8Array(2), { a: [1, { b: null }] }];
    const state = newEncodeState();
    expect(encodeArgs(args, 'submit()', state)).toBe(args);
    expect(state.handles).toBe(false);
  });

  it('names the position of a function, symbol or class instance', () => {
    class Point {
      #secret = 1;
      get secret() {
        return this.#secret;
      }
    }
    const cases: Array<[unknown[], RegExp]> = [
      [[1, () => 1], /args\[1\] is a function/],
      [[{ a: { b: Symbol('s') } }], /args\[0\]\.a\.b is a symbol/],
      [[[0, new Point()]], /args\[0\]\[1\] is an instance of class Point/],
      [[new Map([['k', () => 1]])], /args\[0\]\.get\("k"\) is a function/],
    ];
    for (const [args, message] of cases) {
      expect(() => encodeArgs(args, 'submit()', newEncodeState())).toThrow(SerializationError);
      expect(() => encodeArgs(args, 'submit()', newEncodeState())).toThrow(message);
    }
  });

  it('collects transfer() lists and unwraps the value', () => {
    const buf = new ArrayBuffer(8);
    const state = newEncodeState();
    const out = encodeArgs([transfer(buf)], 'submit()', state);
    expect(out[0]).toBe(buf);
    expect(state.transfer).toEqual([buf]);
  });

  it('handles cyclic plain objects', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(encodeArgs([a], 'submit()', newEncodeState())[0]).toBe(a);
  });

  it('counts the bytes that will be copied: between threads not those transferred, to a process all of them', () => {
    const copied = new Uint8Array(1000);
    const moved = new Uint8Array(5000);
    const raw = new ArrayBuffer(300);
    const args = [copied, transfer({ moved, raw, again: copied }, [moved.buffer, raw])];
    const threads = { ...newEncodeState(), portsAllowed: true };
    encodeArgs(args, 'submit()', threads);
    expect(threads.bytes).toBe(2000); // copied, seen twice; moved and raw travel without a copy
    const processes = { ...newEncodeState(), portsAllowed: false };
    encodeArgs(args, 'submit()', processes);
    expect(processes.bytes).toBe(7300); // IPC copies everything, transfer() or not
  });
});
