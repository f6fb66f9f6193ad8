import { describe, expect, it } from 'vitest';
import { COPY_OUT_MIN_BYTES, copyOut } from '../src/codec/copy-out.js';

const LARGE = COPY_OUT_MIN_BYTES;

describe('copyOut: large buffers become one copy to transfer', () => {
  it('copies a large typed array, keeps its type, offset and length, and leaves the original as it was', () => {
    const buffer = new ArrayBuffer(LARGE + 16);
    const view = new Float64Array(buffer, 8, 4);
    view.set([1, 2, 3, 4]);
    const { value, transfer } = copyOut([view], undefined);
    const [copy] = value as [Float64Array];
    expect(copy).toBeInstanceOf(Float64Array);
    expect(copy).not.toBe(view);
    expect(copy.buffer).not.toBe(buffer);
    expect([copy.byteOffset, copy.length, [...copy]]).toEqual([8, 4, [1, 2, 3, 4]]);
    expect(transfer).toEqual([copy.buffer]);
    copy[0] = 99;
    expect(view[0]).toBe(1);
  });

  it('copies a shared underlying buffer once, so views that shared it still share the copy', () => {
    const buffer = new ArrayBuffer(LARGE);
    const a = new Uint8Array(buffer, 0, 10);
    const b = new DataView(buffer, 10, 20);
    const { value, transfer } = copyOut([{ a, b, again: a }, buffer], undefined);
    const [obj, raw] = value as [{ a: Uint8Array; b: DataView; again: Uint8Array }, ArrayBuffer];
    expect(obj.a.buffer).toBe(obj.b.buffer);
    expect(obj.again).toBe(obj.a);
    expect(raw).toBe(obj.a.buffer);
    expect(obj.b).toBeInstanceOf(DataView);
    expect(transfer).toHaveLength(1);
  });

  it('sends a Buffer as the Uint8Array structured clone would make of it', () => {
    const { value } = copyOut([Buffer.alloc(LARGE, 3)], undefined);
    const [copy] = value as [Uint8Array];
    expect(Object.getPrototypeOf(copy)).toBe(Uint8Array.prototype);
    expect(copy.byteLength).toBe(LARGE);
    expect(copy[LARGE - 1]).toBe(3);
  });

  it('leaves small, shared, resizable and caller-transferred buffers, and the containers around them, as they are', () => {
    const small = new Uint8Array(LARGE - 1);
    const shared = new Uint8Array(new SharedArrayBuffer(LARGE));
    const resizable = new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer)(LARGE, { maxByteLength: LARGE * 2 });
    const moved = new Uint8Array(LARGE);
    const args = [{ small, shared, list: [resizable, moved] }, new Map([[1, new Uint8Array(LARGE)]])];
    const { value, transfer } = copyOut(args, [moved.buffer]);
    expect(value).toBe(args);
    expect(transfer).toEqual([]);
  });

  it('copies only the containers on the way to a copy, and keeps shared references shared', () => {
    const big = new Uint8Array(LARGE);
    const untouched = { n: 1 };
    const holder = { big, untouched };
    const { value } = copyOut([holder, { again: holder }], undefined);
    const [out, other] = value as [Record<string, unknown>, { again: unknown }];
    expect(out).not.toBe(holder);
    expect(out.untouched).toBe(untouched);
    expect(out.big).not.toBe(big);
    expect(other.again).toBe(out);
    expect(holder.big).toBe(big);
  });

  it('leaves a value with a cycle to structured clone, whichever way round the cycle and the buffer come', () => {
    for (const order of ['self first', 'buffer first']) {
      const cyclic: Record<string, unknown> = {};
      if (order === 'self first') cyclic.self = cyclic;
      cyclic.big = new Uint8Array(LARGE);
      if (order === 'buffer first') cyclic.self = cyclic;
      const args = [cyclic];
      const { value, transfer } = copyOut(args, undefined);
      expect(value).toBe(args);
      expect(transfer).toEqual([]);
    }
  });
});
