// How a frame is laid out on weft's pipe (frame-channel.ts): a 5-byte header, then the body.
//
//   [0]      the body's kind: a compact frame (a string) as ASCII or as UTF-16, or an array
//            frame, v8.serialize'd
//   [1..4]   the body's length in bytes, uint32 little-endian
//   [5..]    the body
//
// An array frame is serialized behind 5 reserved bytes that are then filled in, so the frame
// is one buffer, made in one copy; a compact frame costs one write into a pooled buffer.
// A string that is not ASCII goes as UTF-16, not UTF-8: UTF-8 cannot carry a lone surrogate,
// and a string argument must come back exactly as it was.
import { builtin } from '@weft/spi';
import type { Frame } from './frame.js';

const ASCII = 0;
const SERIALIZED = 1;
const UTF16 = 2;
const HEADER_BYTES = 5;
const RESERVED = new Uint8Array(HEADER_BYTES);

/** `frame` as bytes for the pipe; throws for a value V8 cannot serialize (as IPC would) */
export function encodeFrame(frame: Frame): Buffer {
  if (typeof frame === 'string') {
    // a UTF-8 length equal to the string's means every character is ASCII
    const ascii = Buffer.byteLength(frame, 'utf8') === frame.length;
    const length = ascii ? frame.length : frame.length * 2;
    const bytes = Buffer.allocUnsafe(HEADER_BYTES + length);
    bytes[0] = ascii ? ASCII : UTF16;
    bytes.writeUInt32LE(length, 1);
    bytes.write(frame, HEADER_BYTES, ascii ? 'latin1' : 'utf16le');
    return bytes;
  }
  const serializer = new (builtin('node:v8').DefaultSerializer)();
  serializer.writeRawBytes(RESERVED);
  serializer.writeHeader();
  serializer.writeValue(frame);
  const bytes = serializer.releaseBuffer();
  bytes[0] = SERIALIZED;
  bytes.writeUInt32LE(bytes.length - HEADER_BYTES, 1);
  return bytes;
}

/**
 * Cuts the byte stream back into frames, whatever the chunks' boundaries. A frame larger than
 * a chunk is joined once, when its last byte has arrived (not once per chunk).
 */
export class FrameDecoder {
  readonly #onFrame: (frame: Frame) => void;
  #chunks: Buffer[] = [];
  #buffered = 0;
  /** bytes needed before the next frame can be cut: its header, or all of it once that is known */
  #need = HEADER_BYTES;

  constructor(onFrame: (frame: Frame) => void) {
    this.#onFrame = onFrame;
  }

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    if (this.#buffered < this.#need) return;
    const bytes = this.#chunks.length === 1 ? chunk : Buffer.concat(this.#chunks, this.#buffered);
    this.#chunks = [];
    this.#buffered = 0;
    let at = 0;
    try {
      while (bytes.length - at >= HEADER_BYTES) {
        const end = at + HEADER_BYTES + bytes.readUInt32LE(at + 1);
        if (end > bytes.length) break;
        const frame = decodeBody(bytes, at, end);
        at = end;
        this.#onFrame(frame); // may throw: the finally keeps what follows for the next chunk
      }
    } finally {
      this.#keep(bytes, at);
    }
  }

  /** the bytes from `at` on wait for more */
  #keep(bytes: Buffer, at: number): void {
    const rest = bytes.length - at;
    if (rest > 0) {
      this.#chunks.push(at === 0 ? bytes : bytes.subarray(at));
      this.#buffered = rest;
    }
    this.#need = rest >= HEADER_BYTES ? HEADER_BYTES + bytes.readUInt32LE(at + 1) : HEADER_BYTES;
  }
}

function decodeBody(bytes: Buffer, start: number, end: number): Frame {
  const kind = bytes[start];
  if (kind === ASCII) return bytes.toString('latin1', start + HEADER_BYTES, end);
  if (kind === UTF16) return bytes.toString('utf16le', start + HEADER_BYTES, end);
  if (kind === SERIALIZED) return builtin('node:v8').deserialize(bytes.subarray(start + HEADER_BYTES, end)) as Frame;
  throw new Error(`weft child_process: a frame of unknown kind ${String(kind)} arrived on the pipe; both ends must run the same weft version`);
}
