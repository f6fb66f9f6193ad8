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
});
