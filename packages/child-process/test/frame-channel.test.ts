import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { encodeFrame } from '../src/wire/frame-bytes.js';
import { FrameChannel } from '../src/wire/frame-channel.js';
import type { Frame } from '../src/wire/frame.js';

/** two connected sockets over a unix socket in a fresh temp dir */
async function socketPair(): Promise<{ a: Socket; b: Socket; done: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-channel-'));
  const path = join(dir, 's');
  const server = createServer();
  server.listen(path);
  await once(server, 'listening');
  const accepted = once(server, 'connection');
  const a = connect(path);
  const [b] = (await accepted) as [Socket];
  await once(a, 'connect');
  return { a, b, done: () => { a.destroy(); b.destroy(); server.close(); rmSync(dir, { recursive: true, force: true }); } };
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('frame channel', () => {
  test('frames sent on one end arrive on the other, in order, large ones included', async () => {
    const { a, b, done } = await socketPair();
    cleanup = done;
    const got: Frame[] = [];
    const all = new Promise<void>((resolve) => {
      new FrameChannel(b, (f) => {
        got.push(f);
        if (got.length === 3) resolve();
      });
    });
    const sender = new FrameChannel(a, () => {});
    const big = new Uint8Array(300_000).map((_, i) => i & 0xff);
    sender.send('one');
    sender.send([2, big]);
    sender.send('three');
    await all;
    expect(got[0]).toBe('one');
    expect(Buffer.from((got[1] as [number, Uint8Array])[1]).equals(Buffer.from(big))).toBe(true);
    expect(got[2]).toBe('three');
  });

  test('a frame the reader cannot decode closes its channel with a warning that says why', async () => {
    const { a, b, done } = await socketPair();
    cleanup = done;
    const got: Frame[] = [];
    const channel = new FrameChannel(b, (f) => got.push(f));
    const closed = new Promise<void>((resolve) => channel.onClose(resolve));
    const warned = once(process, 'warning') as Promise<[Error]>;
    const bad = Buffer.from(encodeFrame('x'));
    bad[0] = 9;
    a.write(Buffer.concat([Buffer.from(encodeFrame('before')), bad, Buffer.from(encodeFrame('after'))]));
    const [warning] = await warned;
    await closed;
    expect(warning.message).toMatch(/unknown kind 9.*same weft version/);
    expect(channel.closed).toBe(true);
    expect(got).toStrictEqual(['before']);
  });

  describe('handing buffers over (transfer)', () => {
    /** a channel pair: frames sent on `sender` are collected until `count` arrived */
    async function channels(count: number): Promise<{ sender: FrameChannel; arrived: Promise<Frame[]> }> {
      const { a, b, done } = await socketPair();
      cleanup = done;
      const got: Frame[] = [];
      const arrived = new Promise<Frame[]>((resolve) => {
        new FrameChannel(b, (f) => {
          got.push(f);
          if (got.length === count) resolve(got);
        });
      });
      return { sender: new FrameChannel(a, () => {}), arrived };
    }
    const pattern = (n: number, seed: number) => new Uint8Array(n).map((_, i) => (i * 31 + seed) & 0xff);

    test('a transferred buffer is detached by send() and its bytes arrive exactly, large and small, two views over one buffer included', async () => {
      const { sender, arrived } = await channels(2);
      const big = pattern(1 << 20, 1);
      const want = Buffer.from(big);
      const halves = [new Uint16Array(big.buffer, 0, 1000), new Uint8Array(big.buffer, 4096, 100_000)] as const;
      const wantHalves = [Buffer.from(halves[0].buffer, 0, 2000), Buffer.from(big.buffer, 4096, 100_000)].map((b) => Buffer.from(b));
      const small = pattern(100, 2);
      const wantSmall = Buffer.from(small);
      sender.send([1, big, ...halves], [big.buffer]);
      expect(big.byteLength).toBe(0); // handed over at once, as postMessage does
      expect(halves[1].byteLength).toBe(0);
      sender.send([2, small], [small.buffer]);
      expect(small.byteLength).toBe(0);
      const [first, second] = (await arrived) as [[number, Uint8Array, Uint16Array, Uint8Array], [number, Uint8Array]];
      expect(Buffer.from(first[1]).equals(want)).toBe(true);
      expect(first[2]).toBeInstanceOf(Uint16Array);
      expect(Buffer.from(first[2].buffer, first[2].byteOffset, first[2].byteLength).equals(wantHalves[0]!)).toBe(true);
      expect(Buffer.from(first[3]).equals(wantHalves[1]!)).toBe(true);
      expect(Buffer.from(second[1]).equals(wantSmall)).toBe(true);
    });

    test('a large view that was not listed is copied at send(): changing it afterwards does not change what arrives', async () => {
      const { sender, arrived } = await channels(1);
      const moved = pattern(200_000, 3);
      const kept = pattern(300_000, 4);
      const wantKept = Buffer.from(kept);
      sender.send([moved, kept], [moved.buffer]);
      kept.fill(0);
      const [[, gotKept]] = (await arrived) as [[Uint8Array, Uint8Array]];
      expect(Buffer.from(gotKept).equals(wantKept)).toBe(true);
      expect(moved.byteLength).toBe(0);
    });

    test('a value V8 cannot serialize throws and detaches nothing', async () => {
      const { sender } = await channels(1);
      const bytes = pattern(100_000, 5);
      expect(() => sender.send([bytes, () => 1] as unknown as Frame, [bytes.buffer])).toThrow();
      expect(bytes.byteLength).toBe(100_000);
    });
  });
});
