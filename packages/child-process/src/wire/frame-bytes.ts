// How a frame is laid out on weft's pipe (frame-channel.ts): a 5-byte header, then the body.
//
//   [0]      the body's kind: a compact frame (a string) as ASCII or as UTF-16, or an array
//            frame, serialized by V8, with or without large views set aside
//   [1..4]   the body's length in bytes, uint32 little-endian
//   [5..]    the body; with views set aside, the serialized part's length (uint32 LE), that
//            part, then the views' bytes (out-of-line-views.ts)
//
// An array frame is serialized behind 5 reserved bytes that are then filled in, so the frame
// is one buffer, made in one copy; a compact frame costs one write into a pooled buffer. With
// large views the frame is copied into a recycled buffer instead (staging-buffers.ts), the
// views of buffers the sender hands over too (encodeFrameMoving): see there for why.
// A string that is not ASCII goes as UTF-16, not UTF-8: UTF-8 cannot carry a lone surrogate,
// and a string argument must come back exactly as it was.
import type { Frame } from './frame.js';
import { OUT_OF_LINE_BYTES, deserializeWithViews, serializeWithViews } from './out-of-line-views.js';
import { borrowBuffer } from './staging-buffers.js';

const ASCII = 0;
const SERIALIZED = 1;
const UTF16 = 2;
const SERIALIZED_AND_VIEWS = 3;
export const HEADER_BYTES = 5;
const PART_LENGTH_BYTES = 4;
const RESERVED = new Uint8Array(HEADER_BYTES);

/**
 * `frame` as bytes for the pipe; throws for a value V8 cannot serialize (as IPC would). Bytes
 * of `LARGE_FRAME_BYTES` or more may be a borrowed buffer: `giveBack` them once written.
 */
export function encodeFrame(frame: Frame): Buffer {
  if (typeof frame === 'string') return stringFrame(frame);
  const { body, views, viewBytes } = serializeWithViews(frame, RESERVED);
  return views.length === 0 ? plainFrame(body) : stagedFrame(body, views, viewBytes);
}

/**
 * `frame` as bytes for the pipe when the sender hands over `transfer`: the frame is made as
 * `encodeFrame` makes it, then the buffers are detached, as between threads. Throws, detaching
 * nothing, for a value V8 cannot serialize.
 *
 * Copied into a recycled buffer all the same, not written from the moved memory: the kernel
 * reading a page of the caller's that it has not read before cost ~4–7 µs on these VMs (1.0–1.7 ms
 * of system time per MiB, for the first GiB or so a process sends), where the copy costs
 * ~0.1 ms and the recycled buffer is already paged in for the kernel. Written from the moved
 * memory, 1 MiB tasks ran at 444–1,899/s, alternating with copies at 824–2,117/s.
 */
export function encodeFrameMoving(frame: Frame, transfer: readonly ArrayBuffer[]): Buffer {
  const bytes = encodeFrame(frame);
  detach(transfer);
  return bytes;
}

function stringFrame(frame: string): Buffer {
  // a UTF-8 length equal to the string's means every character is ASCII
  const ascii = Buffer.byteLength(frame, 'utf8') === frame.length;
  const length = ascii ? frame.length : frame.length * 2;
  const bytes = Buffer.allocUnsafe(HEADER_BYTES + length);
  bytes[0] = ascii ? ASCII : UTF16;
  bytes.writeUInt32LE(length, 1);
  bytes.write(frame, HEADER_BYTES, ascii ? 'latin1' : 'utf16le');
  return bytes;
}

/** `body` (serialized behind the reserved header bytes, no views set aside) as a whole frame */
function plainFrame(body: Buffer): Buffer {
  body[0] = SERIALIZED;
  body.writeUInt32LE(body.length - HEADER_BYTES, 1);
  return body;
}

/** `body` with the bytes of the `views` set aside behind it, in a borrowed buffer */
function stagedFrame(body: Buffer, views: readonly ArrayBufferView[], viewBytes: number): Buffer {
  const partLength = body.length - HEADER_BYTES;
  const bytes = borrowBuffer(HEADER_BYTES + PART_LENGTH_BYTES + partLength + viewBytes);
  bytes[0] = SERIALIZED_AND_VIEWS;
  bytes.writeUInt32LE(bytes.length - HEADER_BYTES, 1);
  bytes.writeUInt32LE(partLength, HEADER_BYTES);
  let at = HEADER_BYTES + PART_LENGTH_BYTES + body.copy(bytes, HEADER_BYTES + PART_LENGTH_BYTES, HEADER_BYTES);
  for (const view of views) {
    bytes.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), at);
    at += view.byteLength;
  }
  return bytes;
}

/** Detach `buffers` from the sender: structuredClone moves their memory away, copying nothing */
function detach(buffers: readonly ArrayBuffer[]): void {
  const live = buffers.filter((b, i) => b.byteLength > 0 && buffers.indexOf(b) === i); // a detached one has nothing to move
  if (live.length > 0) structuredClone(live, { transfer: live });
}

/** frames smaller than this are never borrowed buffers */
export const LARGE_FRAME_BYTES = OUT_OF_LINE_BYTES;

/** the length of the frame whose header starts at `at` (header included) */
export function frameLength(bytes: Buffer, at: number): number {
  return HEADER_BYTES + bytes.readUInt32LE(at + 1);
}

/**
 * The frame in `bytes[start, end)`. Views in it are over `bytes` when `ownsBytes` (nothing
 * else will write there), else over copies.
 */
export function decodeBody(bytes: Buffer, start: number, end: number, ownsBytes: boolean): Frame {
  const kind = bytes[start];
  if (kind === ASCII) return bytes.toString('latin1', start + HEADER_BYTES, end);
  if (kind === UTF16) return bytes.toString('utf16le', start + HEADER_BYTES, end);
  if (kind === SERIALIZED) return deserializeWithViews(bytes, start + HEADER_BYTES, end, ownsBytes) as Frame;
  if (kind === SERIALIZED_AND_VIEWS) {
    const partStart = start + HEADER_BYTES + PART_LENGTH_BYTES;
    return deserializeWithViews(bytes, partStart, partStart + bytes.readUInt32LE(start + HEADER_BYTES), ownsBytes) as Frame;
  }
  throw new Error(`weft child_process: a frame of unknown kind ${String(kind)} arrived on the pipe; both ends must run the same weft version`);
}
