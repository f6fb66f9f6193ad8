// 'run' and 'results' as one string when every value in them is a plain scalar (the common
// tiny task: numbers in, a number out). Why: with advanced serialization, Node deserializes
// each IPC message through a V8 Deserializer whose table of the objects it made is freed only
// when the Deserializer object is collected. So every array or object received survives one
// young-generation GC, V8 grows the young generation to its maximum, and a pinned ping-pong
// of arrays ran ~1.5× one of numbers. A string holds no such table, and every part of
// the split frame dies young.
//
//   run      TAG SEP 'r' (SEP id SEP fn SEP ''|'c' SEP argc (SEP token) × argc) × tasks
//                          'c': a flat chunk, its items as the arguments
//   results  TAG SEP 'o' (SEP id SEP ms SEP token) × results
//                          (a chunk's list of results is not compacted: a returned array may
//                          have holes or keys of its own, which only the serializer keeps)
// Tokens are scalar-tokens.ts's. Anything else (functions sent along, extra arguments,
// handles, failures, objects) returns null, and the caller sends the array frame.
import { PROTOCOL_TAG, type FromWorker, type TaskMessage, type TaskResult, type ToWorker } from '@weft/spi';
import { COMPACT_PREFIX } from './compact-frames.js';
import { SEP, scalarToken, tokenValue } from './scalar-tokens.js';

const RUN = 'r';
const RESULTS = 'o';
const FLAT_CHUNK = 'c';

/** true for a compact run or results frame (false for the broker's compact frames) */
export function isCompactProtocolFrame(frame: string): boolean {
  const kind = frame[COMPACT_PREFIX.length];
  return kind === RUN || kind === RESULTS;
}

export function compactRun(m: Extract<ToWorker, { type: 'run' }>): string | null {
  if (m.fns !== undefined) return null;
  const parts: string[] = [PROTOCOL_TAG, RUN];
  for (const t of m.tasks) {
    if (t.extra !== undefined || t.handles === true) return null;
    const flatChunk = t.chunk === true && t.flat === true;
    if (t.chunk === true && !flatChunk) return null;
    parts.push(String(t.id), String(t.fn), flatChunk ? FLAT_CHUNK : '', String(t.args.length));
    if (!pushTokens(parts, t.args)) return null;
  }
  return parts.join(SEP); // join builds the string in one go, not a rope of parts
}

export function compactResults(results: readonly TaskResult[]): string | null {
  const parts: string[] = [PROTOCOL_TAG, RESULTS];
  for (const r of results) {
    if (!r.ok || r.handles === true) return null;
    const token = scalarToken(r.value);
    if (token === null) return null;
    parts.push(String(r.id), String(r.ms), token);
  }
  return parts.join(SEP);
}

/** the message of a frame for which isCompactProtocolFrame is true */
export function compactProtocolMessage(frame: string): ToWorker | FromWorker {
  const f = frame.split(SEP);
  return f[1] === RUN ? readRun(f) : readResults(f);
}

function readRun(f: string[]): ToWorker {
  const tasks: TaskMessage[] = [];
  let i = 2;
  while (i < f.length) {
    const id = Number(f[i]);
    const fn = Number(f[i + 1]);
    const flatChunk = f[i + 2] === FLAT_CHUNK;
    const argc = Number(f[i + 3]);
    i += 4;
    const args = readTokens(f, i, argc);
    i += argc;
    tasks.push(flatChunk ? { id, fn, args, chunk: true, flat: true } : { id, fn, args });
  }
  return { type: 'run', tasks };
}

function readResults(f: string[]): FromWorker {
  const results: TaskResult[] = [];
  let i = 2;
  while (i < f.length) {
    results.push({ id: Number(f[i]), ok: true, value: tokenValue(f[i + 2] as string), ms: Number(f[i + 1]) });
    i += 3;
  }
  return { type: 'results', results };
}

function pushTokens(parts: string[], values: readonly unknown[]): boolean {
  for (const v of values) {
    const token = scalarToken(v);
    if (token === null) return false;
    parts.push(token);
  }
  return true;
}

function readTokens(f: readonly string[], from: number, n: number): unknown[] {
  const values = new Array<unknown>(n);
  for (let k = 0; k < n; k++) values[k] = tokenValue(f[from + k] as string);
  return values;
}
