import { describe, expect, test } from 'vitest';
import { decodeBody, encodeFrame, encodeFrameMoving, frameLength } from '../src/wire/frame-bytes.js';
import { giveBack, pooledStagingBytes } from '../src/wire/staging-buffers.js';
import { FrameDecoder } from '../src/wire/frame-decoder.js';
import type { Frame } from '../src/wire/frame.js';

/** `frames` encoded back to back, then fed to a decoder in pieces of the given sizes (cycled) */
function cutAndJoin(frames: Frame[], pieceSizes: number[]): Frame[] {
  const bytes = Buffer.concat(frames.map(encodeFrame));
  const out: Frame[] = [];
  const decoder = new FrameDecoder((f) => out.push(f));
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = pieceSizes[i % pieceSizes.length] as number;
    decoder.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

const FRAMES: Frame[] = [
  'plain ascii',
  'non-ASCII: é ✓ 𝄞, and a newline\nin it',
  '\uDC00 a lone surrogate, and \uD800 another',
  '',
  [1, 'array', { nested: [new Map([[1, 2]])] }, 10n, new Date(5), new Uint8Array([1, 2, 3])],
  [],
];

describe('frames as bytes on the pipe', () => {
  test('whatever the chunk boundaries, every frame comes back whole and in order', () => {
    for (const sizes of [[1], [2, 3], [4], [5], [6, 1], [7, 64], [1 << 20]]) {
      expect(cutAndJoin(FRAMES, sizes)).toStrictEqual(FRAMES);
    }
  });

  test('a frame far larger than a chunk is cut out once its last byte arrives', () => {
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    const out = cutAndJoin([['big', big], 'after'], [65536]);
    expect(out).toHaveLength(2);
    const back = (out[0] as unknown[])[1];
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Buffer.compare(back as Uint8Array, big)).toBe(0); // a deep equal of 3 MiB takes seconds
    expect(out[1]).toBe('after');
  });

  test('a value V8 cannot serialize throws at encode time, naming what it could not clone', () => {
    expect(() => encodeFrame([() => 1])).toThrow(/could not be cloned/);
  });

  test('a listener that throws loses no frame: the rest are delivered, then the first error is thrown', () => {
    const seen: Frame[] = [];
    const decoder = new FrameDecoder((f) => {
      seen.push(f);
      if (f === 'boom' || f === 'bang') throw new Error(`listener failed on ${f}`);
    });
    expect(() => decoder.push(Buffer.concat(['a', 'boom', 'b', 'bang'].map(encodeFrame)))).toThrow('listener failed on boom');
    expect(seen).toStrictEqual(['a', 'boom', 'b', 'bang']);
    decoder.push(encodeFrame('c'));
    expect(seen).toStrictEqual(['a', 'boom', 'b', 'bang', 'c']);
  });

  test('a frame of a kind this version does not know is refused with a message that says why', () => {
    const bytes = encodeFrame('x');
    bytes[0] = 9;
    expect(() => new FrameDecoder(() => {}).push(bytes)).toThrow(/unknown kind 9.*same weft version/);
  });

  test('a handed-over buffer is detached and its bytes go into one recycled staging buffer, not written from the moved memory', () => {
    const big = new Uint8Array(300_000).map((_, i) => (i * 7) & 0xff);
    const want = Buffer.from(big);
    const bytes = encodeFrameMoving([1, big], [big.buffer]);
    expect(big.byteLength).toBe(0);
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(frameLength(bytes, 0)).toBe(bytes.length);
    const [n, got] = decodeBody(bytes, 0, bytes.length, false) as [number, Uint8Array];
    expect(n).toBe(1);
    expect(Buffer.from(got).equals(want)).toBe(true);
    // borrowed from the staging pool: once written, it goes back there to be lent again
    const before = pooledStagingBytes();
    giveBack(bytes);
    expect(pooledStagingBytes()).toBeGreaterThanOrEqual(before + bytes.length);
  });
});
