// Weft's frames between a parent and a child it forked travel on a pipe of their own (an extra
// stdio entry; the child learns its fd from the environment), not on Node's IPC channel.
//
// Why: with serialization 'advanced', every process.send makes a V8 serializer, a size prefix
// and a second buffer, and every message read makes a deserializer; a lock round trip is three
// messages. The same three messages as length-prefixed bytes on a pipe took 16 µs pinned to
// one core, against 26 µs through process.send (bare, no weft code on either side).
//
// One pipe carries every frame, protocol and broker alike, so they stay in the order they
// were sent (a release() before a task's result is seen before the result). The IPC channel
// stays: fork needs it, the child's 'disconnect' follows the parent, and a user's own
// process.send still goes there.
import type { OnReadOpts, Socket, SocketConstructorOpts } from 'node:net';
import { builtin } from '@weft/spi';
import type { TransferListItem } from 'node:worker_threads';
import { LARGE_FRAME_BYTES, encodeFrame, encodeFrameMoving } from './frame-bytes.js';
import { FrameDecoder } from './frame-decoder.js';
import type { Frame } from './frame.js';
import { giveBack } from './staging-buffers.js';

export class FrameChannel {
  readonly #socket: Socket;
  #closed = false;
  readonly #closeListeners: Array<() => void> = [];

  /**
   * Over `end`: a socket made elsewhere (read through 'data' events), or a descriptor, which
   * this channel opens so that reads land in the decoder's own buffer (no buffer allocated per
   * read, no stream machinery per chunk).
   */
  constructor(end: Socket | number, onFrame: (frame: Frame) => void) {
    const decoder = new FrameDecoder(onFrame);
    let socket: Socket;
    if (typeof end === 'number') {
      // `onread` is a documented option of net.Socket; Node 20's type declarations name it only for connect()
      const options: SocketConstructorOpts & { onread: OnReadOpts } = {
        fd: end,
        readable: true,
        writable: true,
        onread: { buffer: () => decoder.readTarget(), callback: (n: number) => this.#delivered(decoder, n) },
      };
      socket = new (builtin('node:net').Socket)(options);
    } else {
      socket = end;
      socket.on('data', (chunk: Buffer) => {
        try {
          decoder.push(chunk);
        } catch (error) {
          if (decoder.broken === undefined) throw error; // a listener's: as from any 'data' listener
          this.#fail(decoder.broken);
        }
      });
    }
    this.#socket = socket;
    // the other side exited or closed its end; a write to it failed (EPIPE) the same way
    socket.on('end', () => this.#close());
    socket.on('close', () => this.#close());
    socket.on('error', () => this.#close());
  }

  /** true once the other end is gone and everything it sent was delivered */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * `frame` to the other side, in order; throws for what V8 cannot serialize, drops it once
   * closed. The ArrayBuffers in `transfer` are handed over: detached here, as between threads.
   */
  send(frame: Frame, transfer?: readonly TransferListItem[]): void {
    const moving = transfer === undefined ? undefined : transfer.filter((t): t is ArrayBuffer => t instanceof ArrayBuffer);
    const bytes = moving !== undefined && moving.length > 0 ? encodeFrameMoving(frame, moving) : encodeFrame(frame);
    if (this.#closed || !this.#socket.writable) return giveBack(bytes);
    // a large frame's buffer is lent again once written (or failed to be)
    if (bytes.length >= LARGE_FRAME_BYTES) this.#socket.write(bytes, () => giveBack(bytes));
    else this.#socket.write(bytes);
  }

  onClose(listener: () => void): void {
    if (this.#closed) queueMicrotask(listener);
    else this.#closeListeners.push(listener);
  }

  ref(): void {
    this.#socket.ref();
  }

  unref(): void {
    this.#socket.unref();
  }

  /**
   * `n` bytes read into the decoder. A listener's error is thrown on the next tick: thrown here
   * it would skip Node's asking for the next read target, and the next read would overwrite
   * bytes.
   */
  #delivered(decoder: FrameDecoder, n: number): true {
    try {
      decoder.filled(n);
    } catch (error) {
      if (decoder.broken !== undefined) this.#fail(decoder.broken);
      else
        process.nextTick(() => {
          throw error;
        });
    }
    return true; // keep reading
  }

  /** the other side sent what cannot be read: nothing after it can be either, so close (the other side sees its pipe close) */
  #fail(error: Error): void {
    if (this.#closed) return;
    process.emitWarning(error);
    this.#close();
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.destroy();
    for (const l of this.#closeListeners.splice(0)) l();
  }
}
