// Cuts the byte stream of a frame pipe back into frames, whatever the reads' boundaries.
//
// Bytes land in one 64 KiB buffer the decoder keeps and reuses: the socket reads straight into
// it (`readTarget` / `filled`, for net.Socket's `onread`), or a chunk that arrived another way
// is copied in (`push`). A frame larger than that buffer gets a buffer of its own as soon as
// its header is in, and the rest of it is read straight into place: one copy from the kernel,
// none to join pieces, and its large views stay over those bytes (nothing else writes there).
import { decodeBody, frameLength, HEADER_BYTES } from './frame-bytes.js';
import type { Frame } from './frame.js';

const READ_BUFFER_BYTES = 64 * 1024;

export class FrameDecoder {
  readonly #onFrame: (frame: Frame) => void;
  readonly #shared: Buffer = Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
  /** where bytes land: the shared buffer, or the one of a large frame being read */
  #bytes: Buffer = this.#shared;
  /** the bytes not yet cut into frames are #bytes[#start, #end) */
  #start = 0;
  #end = 0;
  /** set when the stream cannot be read on (a frame this version cannot decode): it stays so */
  #broken: Error | undefined;

  constructor(onFrame: (frame: Frame) => void) {
    this.#onFrame = onFrame;
  }

  /** the error that stopped this stream, if one did (the channel must then close) */
  get broken(): Error | undefined {
    return this.#broken;
  }

  /** where the next bytes read should go (never empty; the same object while it can be) */
  readTarget(): Buffer {
    if (this.#broken !== undefined) return this.#shared; // read and dropped until the channel closes
    return this.#end === 0 ? this.#bytes : this.#bytes.subarray(this.#end);
  }

  /**
   * `n` bytes were read into the last `readTarget()`. Every whole frame goes to the listener;
   * if it throws, the frames after still do, and then the first error is rethrown.
   */
  filled(n: number): void {
    if (this.#broken !== undefined) throw this.#broken;
    this.#end += n;
    this.#cut();
  }

  /** `chunk` as if read: copied in, every whole frame delivered (as `filled`) */
  push(chunk: Buffer): void {
    let failure: { error: unknown } | undefined;
    for (let at = 0; at < chunk.length; ) {
      const n = chunk.copy(this.readTarget(), 0, at);
      at += n;
      try {
        this.filled(n);
      } catch (error) {
        if (this.#broken !== undefined) throw error; // nothing after it can be read
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  #cut(): void {
    const bytes = this.#bytes;
    const owned = bytes !== this.#shared;
    let failure: { error: unknown } | undefined;
    let at = this.#start;
    while (this.#end - at >= HEADER_BYTES) {
      const end = at + frameLength(bytes, at);
      if (end > this.#end) break;
      let frame: Frame;
      try {
        frame = decodeBody(bytes, at, end, owned);
      } catch (error) {
        this.#broken = error instanceof Error ? error : new Error(String(error));
        throw this.#broken;
      }
      at = end;
      try {
        this.#onFrame(frame);
      } catch (error) {
        failure ??= { error };
      }
    }
    this.#start = at;
    this.#makeRoom();
    if (failure) throw failure.error;
  }

  /** ready #bytes for the next read */
  #makeRoom(): void {
    const rest = this.#end - this.#start;
    // all cut: reads start over at the front of the shared buffer (a large frame's own buffer
    // is read only up to its last byte, so it is done with once it is cut)
    if (rest === 0) return this.#reset(this.#shared, 0);
    if (this.#bytes !== this.#shared) return;
    const length = rest >= HEADER_BYTES ? frameLength(this.#bytes, this.#start) : 0;
    if (length > READ_BUFFER_BYTES) {
      const own = Buffer.allocUnsafeSlow(length);
      this.#bytes.copy(own, 0, this.#start, this.#end);
      return this.#reset(own, rest);
    }
    if (this.#start > 0) {
      // the start of a small frame moves to the front, where the rest of it will fit
      this.#bytes.copyWithin(0, this.#start, this.#end);
      this.#reset(this.#shared, rest);
    }
  }

  #reset(bytes: Buffer, filled: number): void {
    this.#bytes = bytes;
    this.#start = 0;
    this.#end = filled;
  }
}
