// Typed arrays of 64 KiB and more leave the V8 serializer's buffer: the serializer writes only
// their type and length, and their bytes follow the serialized body in the frame, copied once
// into a recycled buffer (staging-buffers.ts).
//
// Why: V8's serializer grows a fresh buffer for every frame and copies each typed array into
// it. 64 tasks of 1 MiB submitted at once were 64 fresh mallocs of 1-2 MiB, every page of them
// faulted in as it was written (~30,000 faults a burst until glibc's heap had grown to fit,
// four bursts in); the rate of a burst then went 600 → 1,100 tasks/s over its first five runs.
//
// A smaller view goes the way Node's DefaultSerializer writes it, behind a one-word marker.
// A view read back is over the frame's own bytes only where the frame has a buffer to itself
// (frame-decoder.ts gives one to every frame over 64 KiB); over the decoder's reused buffer it
// gets a copy, which also means a small view no longer pins a whole read chunk in memory.
import { builtin } from '@weft/spi';
import type { DefaultDeserializer, DefaultSerializer } from 'node:v8';

/** a view at least this large goes out of line */
export const OUT_OF_LINE_BYTES = 64 * 1024;

const INLINE = 0;
const OUT_OF_LINE = 1;

/** the view types that go out of line, by the index written for them (append only) */
const VIEW_TYPES = [
  'Buffer', 'Uint8Array', 'Int8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'DataView',
] as const;

type ViewConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView;

function viewTypeIndex(view: ArrayBufferView): number {
  if (Buffer.isBuffer(view)) return 0;
  const name = Object.prototype.toString.call(view).slice(8, -1);
  return VIEW_TYPES.indexOf(name as (typeof VIEW_TYPES)[number]);
}

/** a view of type `type` over `bytes[at, at + byteLength)`, or over a copy of them */
function viewAt(type: number, bytes: Buffer, at: number, byteLength: number, overBytes: boolean): ArrayBufferView {
  if (type === 0) return overBytes ? bytes.subarray(at, at + byteLength) : Buffer.from(bytes.subarray(at, at + byteLength));
  const name = VIEW_TYPES[type];
  const ctor = name === undefined ? undefined : (globalThis as unknown as Record<string, ViewConstructor | undefined>)[name];
  if (ctor === undefined) {
    throw new Error(`weft child_process: a frame holds a view of unknown type ${type}; both ends must run the same weft version`);
  }
  const width = (ctor as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
  const offset = bytes.byteOffset + at;
  // over the frame's own bytes when allowed and aligned for the type, else over a copy
  if (overBytes && offset % width === 0) return new ctor(bytes.buffer, offset, byteLength / width);
  const copy = new Uint8Array(byteLength);
  copy.set(bytes.subarray(at, at + byteLength));
  return new ctor(copy.buffer, 0, byteLength / width);
}

/** `view` over bytes of its own, of the same type */
function ownCopy(view: ArrayBufferView): ArrayBufferView {
  const type = viewTypeIndex(view);
  const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  if (type >= 0) return viewAt(type, bytes, 0, view.byteLength, false);
  // a type this list does not name (a newer Node's): its own constructor, over a copy
  const ctor = view.constructor as ViewConstructor & { BYTES_PER_ELEMENT?: number };
  return new ctor(new Uint8Array(bytes).buffer, 0, view.byteLength / (ctor.BYTES_PER_ELEMENT ?? 1));
}

export interface SerializedWithViews {
  /** what V8 wrote, after the reserved bytes left for the frame header */
  readonly body: Buffer;
  /** the large views in the order their bytes follow the body */
  readonly views: readonly ArrayBufferView[];
  /** their total byte length */
  readonly viewBytes: number;
}

// Node documents these two hooks for subclasses; its type declarations leave them out.
interface HostSerializer extends DefaultSerializer {
  _writeHostObject(view: ArrayBufferView): void;
}
interface HostDeserializer extends DefaultDeserializer {
  _readHostObject(): unknown;
}

/** the views of a frame that has none (most frames: no array made for them) */
const NO_VIEWS: readonly ArrayBufferView[] = Object.freeze([]);

/** made once, on first use (a class per frame would cost more than a small frame's encoding) */
let serializerClass: (new () => HostSerializer & { views: ArrayBufferView[] | undefined; viewBytes: number }) | undefined;
let deserializerClass: (new (body: Buffer, bytes: Buffer, viewsStart: number, ownsBytes: boolean) => HostDeserializer) | undefined;

function makeSerializerClass(): NonNullable<typeof serializerClass> {
  const Base = builtin('node:v8').DefaultSerializer as unknown as new () => HostSerializer;
  return class ViewSettingSerializer extends Base {
    views: ArrayBufferView[] | undefined;
    viewBytes = 0;

    override _writeHostObject(view: ArrayBufferView): void {
      const type = view.byteLength >= OUT_OF_LINE_BYTES ? viewTypeIndex(view) : -1;
      if (type < 0) {
        this.writeUint32(INLINE);
        super._writeHostObject(view);
        return;
      }
      this.writeUint32(OUT_OF_LINE);
      this.writeUint32(type);
      this.writeUint32(view.byteLength);
      (this.views ??= []).push(view);
      this.viewBytes += view.byteLength;
    }
  };
}

function makeDeserializerClass(): NonNullable<typeof deserializerClass> {
  const Base = builtin('node:v8').DefaultDeserializer as unknown as new (body: Buffer) => HostDeserializer;
  return class ViewTakingDeserializer extends Base {
    readonly #bytes: Buffer;
    readonly #ownsBytes: boolean;
    #next: number;

    constructor(body: Buffer, bytes: Buffer, viewsStart: number, ownsBytes: boolean) {
      super(body);
      this.#bytes = bytes;
      this.#next = viewsStart;
      this.#ownsBytes = ownsBytes;
    }

    override _readHostObject(): unknown {
      if (this.readUint32() === INLINE) {
        // Node's reader returns a view over the bytes it reads from
        const view = super._readHostObject() as ArrayBufferView;
        return this.#ownsBytes ? view : ownCopy(view);
      }
      const type = this.readUint32();
      const byteLength = this.readUint32();
      const view = viewAt(type, this.#bytes, this.#next, byteLength, this.#ownsBytes);
      this.#next += byteLength;
      return view;
    }
  };
}

/** `value` serialized behind `reserved` bytes, with its large views set aside */
export function serializeWithViews(value: unknown, reserved: Uint8Array): SerializedWithViews {
  const serializer = new (serializerClass ??= makeSerializerClass())();
  serializer.writeRawBytes(reserved);
  serializer.writeHeader();
  serializer.writeValue(value);
  return { body: serializer.releaseBuffer(), views: serializer.views ?? NO_VIEWS, viewBytes: serializer.viewBytes };
}

/**
 * The value serialized in `bytes[bodyStart, viewsStart)`, its large views read from
 * `viewsStart` on. Its views are over `bytes` if `ownsBytes` (nothing else writes there), else
 * over copies.
 */
export function deserializeWithViews(bytes: Buffer, bodyStart: number, viewsStart: number, ownsBytes: boolean): unknown {
  const deserializer = new (deserializerClass ??= makeDeserializerClass())(bytes.subarray(bodyStart, viewsStart), bytes, viewsStart, ownsBytes);
  deserializer.readHeader();
  return deserializer.readValue();
}
