// How a Queue item becomes bytes in shared memory and back. Node's v8.serialize gives full
// structured-clone fidelity but costs several µs per call (a C++-backed Serializer object per
// call, collected by the GC), which dominated put/get. Most items are simpler, so the first
// byte picks a cheaper form when it round-trips exactly:
//   kNumber  float64 (keeps -0 and NaN)         kString  UTF-8
//   kConst   true / false / null / undefined    kJson    UTF-8 JSON of a tree JSON keeps exactly
//   kV8      v8.serialize, for everything else (Date, Map, Set, typed arrays, BigInt, Error,
//            undefined inside objects, -0 inside objects, sparse or decorated arrays...)
import { builtin } from '@weft/spi';
import { ScratchBytes } from './scratch-bytes.js';

const kV8 = 0;
const kNumber = 1;
const kString = 2;
const kConst = 3;
const kJson = 4;
const CONSTS = [true, false, null, undefined] as const;

/** Past these sizes the exactness check costs more than it saves; v8 takes over. */
const kJsonMaxArrayLength = 1024;
const kJsonMaxDepth = 32;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const encodeScratch = new ScratchBytes();

function tagged(tag: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 1);
  out[0] = tag;
  out.set(body, 1);
  return out;
}

/** tag + UTF-8 of `text`, in the encode scratch buffer. */
function taggedText(tag: number, text: string): Uint8Array {
  const bytes = encodeScratch.get(1 + text.length * 3); // UTF-8 needs at most 3 bytes per UTF-16 unit
  bytes[0] = tag;
  const { written } = encoder.encodeInto(text, bytes.subarray(1));
  return bytes.subarray(0, 1 + written);
}

/** Whether JSON.parse(JSON.stringify(value)) equals what structured clone would give. */
function jsonKeepsExactly(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth > kJsonMaxDepth) return false;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype || value.length > kJsonMaxArrayLength) return false;
        // Holes and extra properties are kept by structured clone but not by JSON.
        if (Object.keys(value).length !== value.length) return false;
        return value.every((v) => jsonKeepsExactly(v, depth + 1));
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) return false;
        if (!jsonKeepsExactly((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function taggedConst(item: (typeof CONSTS)[number]): Uint8Array {
  const bytes = encodeScratch.get(2);
  bytes[0] = kConst;
  bytes[1] = CONSTS.indexOf(item);
  return bytes.subarray(0, 2);
}

/**
 * Bytes for `item`. Small forms are a view into a scratch buffer that the next call reuses:
 * use it at once or copy it. Throws what v8.serialize throws for a value it cannot clone.
 */
export function encodeItem(item: unknown): Uint8Array {
  switch (typeof item) {
    case 'number': {
      const bytes = encodeScratch.get(9);
      bytes[0] = kNumber;
      encodeScratch.view().setFloat64(1, item, true);
      return bytes.subarray(0, 9);
    }
    case 'string':
      return taggedText(kString, item);
    case 'boolean':
    case 'undefined':
      return taggedConst(item);
    case 'object':
      if (item === null) return taggedConst(null);
      if (jsonKeepsExactly(item, 0)) return taggedText(kJson, JSON.stringify(item));
      return tagged(kV8, builtin('node:v8').serialize(item));
    default:
      return tagged(kV8, builtin('node:v8').serialize(item));
  }
}

/** The item `bytes` encode. `bytes` may be reused afterwards: nothing returned refers to it. */
export function decodeItem(bytes: Uint8Array): unknown {
  switch (bytes[0]) {
    case kNumber:
      return new DataView(bytes.buffer, bytes.byteOffset + 1, 8).getFloat64(0, true);
    case kString:
      return decoder.decode(bytes.subarray(1));
    case kConst:
      return CONSTS[bytes[1] as number];
    case kJson:
      return JSON.parse(decoder.decode(bytes.subarray(1))) as unknown;
    default:
      // Node's deserializer returns typed arrays that are views on its input: give it a copy.
      return builtin('node:v8').deserialize(bytes.slice(1));
  }
}
