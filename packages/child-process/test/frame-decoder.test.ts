import { describe, expect, test, vi } from 'vitest';
import { encodeFrame } from '../src/wire/frame-bytes.js';
import { FrameDecoder } from '../src/wire/frame-decoder.js';
import type { Frame } from '../src/wire/frame.js';
import { borrowBuffer, giveBack } from '../src/wire/staging-buffers.js';

/** a deterministic stream of read sizes, as a socket might return them */
function* readSizes(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    yield [1, 3, 5, 7, 100, 4096, 65536, 1 << 20][x % 8] as number;
  }
}

/** `bytes` read into the decoder the way net.Socket's onread does: into its target, in reads of varying size */
function readAll(decoder: FrameDecoder, bytes: Buffer, seed: number): void {
  const sizes = readSizes(seed);
  for (let at = 0; at < bytes.length; ) {
    const target = decoder.readTarget();
    expect(target.length).toBeGreaterThan(0);
    const n = Math.min(target.length, bytes.length - at, sizes.next().value as number);
    bytes.copy(target, 0, at, at + n);
    at += n;
    decoder.filled(n);
  }
}

const pattern = (n: number, salt: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + salt) & 0xff));

describe('frame decoder reading in place', () => {
  test('small and large frames, in any read sizes, come back whole, in order, of the same types', () => {
    const big = pattern(200_000, 1);
    const doubles = new Float64Array(20_000).map((_, i) => i / 7);
    const frames: Frame[] = [
      'first',
      [1, 'small', new Uint8Array([9, 8, 7]), new Int16Array([-1, 2])],
      [2, big, 'between', doubles, new DataView(pattern(70_000, 2).buffer), Buffer.from(pattern(100_000, 3))],
      'ünïcödé in between',
      [3, pattern(65_536, 4), pattern(65_535, 5)],
      'last',
    ];
    const bytes = Buffer.concat(frames.map((f) => Buffer.from(encodeFrame(f))));
    for (const seed of [1, 2, 3, 4, 5]) {
      const out: Frame[] = [];
      readAll(new FrameDecoder((f) => out.push(f)), bytes, seed);
      expect(out).toHaveLength(frames.length);
      expect(out[0]).toBe('first');
      expect(out[1]).toStrictEqual(frames[1]);
      const [, b, between, d, view, buf] = out[2] as [number, Uint8Array, string, Float64Array, DataView, Buffer];
      expect(Buffer.isBuffer(b)).toBe(true); // a Buffer stays a Buffer, large or small
      expect(b.equals(big)).toBe(true);
      expect(between).toBe('between');
      expect(d).toBeInstanceOf(Float64Array);
      expect(Buffer.from(d.buffer, d.byteOffset, d.byteLength).equals(Buffer.from(doubles.buffer))).toBe(true);
      expect(view).toBeInstanceOf(DataView);
      expect(Buffer.from(view.buffer, view.byteOffset, view.byteLength).equals(pattern(70_000, 2))).toBe(true);
      expect(buf.equals(pattern(100_000, 3))).toBe(true);
      expect(out[3]).toBe('ünïcödé in between');
      const [, edge, belowEdge] = out[4] as [number, Uint8Array, Uint8Array];
      expect(Buffer.from(edge).equals(pattern(65_536, 4))).toBe(true);
      expect(Buffer.from(belowEdge).equals(pattern(65_535, 5))).toBe(true);
      expect(out[5]).toBe('last');
    }
  });

  test('a frame that cannot be decoded stops the stream: the same error from then on, later bytes dropped, no hang', () => {
    const out: Frame[] = [];
    const decoder = new FrameDecoder((f) => out.push(f));
    const bad = Buffer.from(encodeFrame('x'));
    bad[0] = 9;
    const bytes = Buffer.concat([encodeFrame('before'), bad, encodeFrame('after')].map((b) => Buffer.from(b)));
    expect(() => decoder.push(bytes)).toThrow(/unknown kind 9/);
    expect(decoder.broken?.message).toMatch(/unknown kind 9/);
    expect(() => decoder.push(Buffer.from(encodeFrame('later')))).toThrow(/unknown kind 9/);
    expect(decoder.readTarget().length).toBeGreaterThan(0);
    expect(() => decoder.filled(4)).toThrow(/unknown kind 9/);
    expect(out).toStrictEqual(['before']);
  });

  test('a small view is a copy of its own: later reads into the shared buffer do not change it', () => {
    const out: Frame[] = [];
    const decoder = new FrameDecoder((f) => out.push(f));
    readAll(decoder, encodeFrame([1, new Uint8Array([1, 2, 3])]), 7);
    for (let i = 0; i < 200; i++) readAll(decoder, encodeFrame([i, pattern(1000, i)]), i);
    const first = (out[0] as [number, Uint8Array])[1];
    expect([...first]).toStrictEqual([1, 2, 3]);
    expect(first.buffer.byteLength).toBe(3);
  });

  test('bytes are taken when the frame is encoded: changing the array afterwards does not reach the other side', () => {
    const source = pattern(300_000, 6);
    const bytes = Buffer.from(encodeFrame([1, source]));
    source.fill(0);
    const out: Frame[] = [];
    readAll(new FrameDecoder((f) => out.push(f)), bytes, 9);
    expect(Buffer.from((out[0] as [number, Uint8Array])[1]).equals(pattern(300_000, 6))).toBe(true);
  });
});

describe('staging buffers', () => {
  test('a buffer handed back is lent again for the same size, and only once', () => {
    const a = borrowBuffer(1_000_000);
    expect(a.length).toBe(1_000_000);
    giveBack(a);
    giveBack(a); // a second hand-back of the same buffer is ignored
    const b = borrowBuffer(1_000_000);
    const c = borrowBuffer(1_000_000);
    expect(b.buffer).toBe(a.buffer);
    expect(c.buffer).not.toBe(a.buffer);
    giveBack(b);
    giveBack(c);
  });

  test('a buffer not lent by the pool is not taken into it', () => {
    const foreign = Buffer.alloc(1 << 20);
    giveBack(foreign);
    expect(borrowBuffer(1 << 20).buffer).not.toBe(foreign.buffer);
  });

  test('the pool lets its buffers go once nothing has been borrowed for a while', async () => {
    vi.useFakeTimers();
    try {
      // a fresh copy of the module, whose timers are the fake ones
      vi.resetModules();
      const { borrowBuffer, giveBack, pooledStagingBytes } = await import('../src/wire/staging-buffers.js');
      const a = borrowBuffer(300_000);
      giveBack(a);
      expect(pooledStagingBytes()).toBeGreaterThanOrEqual(300_000);
      vi.advanceTimersByTime(2000); // borrowed since the last look: kept
      expect(pooledStagingBytes()).toBeGreaterThanOrEqual(300_000);
      vi.advanceTimersByTime(2000); // nothing borrowed for a whole period: let go
      expect(pooledStagingBytes()).toBe(0);
      expect(borrowBuffer(300_000).buffer).not.toBe(a.buffer);
    } finally {
      vi.useRealTimers();
    }
  });
});
