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
import type { Socket } from 'node:net';
import { FrameDecoder, encodeFrame } from './frame-bytes.js';
import type { Frame } from './frame.js';

export class FrameChannel {
  readonly #socket: Socket;
  #closed = false;
  readonly #closeListeners: Array<() => void> = [];

  constructor(socket: Socket, onFrame: (frame: Frame) => void) {
    this.#socket = socket;
    const decoder = new FrameDecoder(onFrame);
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
    // the other side exited or closed its end; a write to it failed (EPIPE) the same way
    socket.on('end', () => this.#close());
    socket.on('close', () => this.#close());
    socket.on('error', () => this.#close());
  }

  /** true once the other end is gone and everything it sent was delivered */
  get closed(): boolean {
    return this.#closed;
  }

  /** `frame` to the other side, in order; throws for what V8 cannot serialize, drops it once closed */
  send(frame: Frame): void {
    const bytes = encodeFrame(frame);
    if (!this.#closed && this.#socket.writable) this.#socket.write(bytes);
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

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.destroy();
    for (const l of this.#closeListeners.splice(0)) l();
  }
}
