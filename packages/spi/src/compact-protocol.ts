// 'run' and 'results' as one string when every value in them is a plain scalar (the common
// tiny task: numbers in, a number out). Both backends send these instead of the objects:
// - child_process: Node deserializes each IPC message through a V8 Deserializer whose table
//   of the objects it made is freed only when the Deserializer object is collected. So every
//   array or object received survives one young-generation GC, V8 grows the young generation
//   to its maximum, and a pinned ping-pong of arrays ran ~1.5× one of numbers. A string holds
//   no such table, and every part of the split frame dies young.
// - worker_threads: cloning nested objects costs more than one flat string; a pinned bare
//   MessagePort ping-pong of a run-shaped object ran ~1.35× one of a number, of this string ~1.2×.
//
//   run      TAG SEP 'r' (SEP id SEP fn SEP ''|'c' SEP argc (SEP token) × argc) × tasks
//                          'c': a flat chunk, its items as the arguments
//   results  TAG SEP 'o' (SEP id SEP ns SEP token) × results
//                          ns: the run time in whole nanoseconds (an integer is written and
//                          read faster than the 16 digits of a fractional ms)
//            id, fn, argc and ns are integers in base 36 (intField: scalar-tokens.ts says why)
//                          (a chunk's list of results is not compacted: a returned array may
//                          have holes or keys of its own, which only the serializer keeps)
// Slow work is not compacted: a run message marked `slow` (its tasks took 1 ms or more), and
// results that all took SLOW_TASK_MS or more. Next to such a task, the microseconds a string
// saves are nothing, while the codec, once hot, is compiled by V8 in every thread that runs it:
// in a fresh process running 2 ms tasks that compiling was ~3% of the run (pinned).
// Tokens are scalar-tokens.ts's. Anything else (functions sent along, extra arguments,
// handles, failures, objects, more than MAX_COMPACT_ITEMS of anything, fields the codec does
// not know: known-fields.ts) returns null, and the caller sends the message as it is.
import { PROTOCOL_TAG, type FromWorker, type TaskMessage, type TaskResult, type ToWorker } from './protocol.js';
import { FrameReader } from './frame-reader.js';
import { hasOnlyKnownFields, type RunOrResults } from './known-fields.js';
import { SEP, intField, scalarToken } from './scalar-tokens.js';

/** every compact frame starts with this; a kind letter follows (child_process adds its own kinds) */
export const COMPACT_PREFIX = PROTOCOL_TAG + SEP;

const RUN = 'r';
const RESULTS = 'o';
const FLAT_CHUNK = 'c';
/**
 * Only small messages (at most this many tasks, arguments or results): a batch or a chunk of
 * many scalars clones faster as an array (V8 copies it in C++; a string is built and read token
 * by token in JS). Unlimited, map of 200k numbers ran 3.7M items/s against 4.7-5.3M with the
 * limit (worker_threads), and a submit burst 243-288k tasks/s against 300-323k (child_process).
 */
const MAX_COMPACT_ITEMS = 16;
/**
 * A task of at least this run time (ms) is slow: results that all took this long are not
 * compacted (see the top of the file), and the pool marks a run of such tasks `slow`.
 */
export const SLOW_TASK_MS = 1;
const RUN_HEAD = COMPACT_PREFIX + RUN;
const RESULTS_HEAD = COMPACT_PREFIX + RESULTS;

/** true for a compact run or results frame (false for child_process's broker frames) */
export function isCompactProtocolFrame(frame: string): boolean {
  const kind = frame[COMPACT_PREFIX.length];
  return kind === RUN || kind === RESULTS;
}

/** `m` itself, or its compact form when it has one (what a transport posts) */
export function compactOrSame(m: ToWorker): ToWorker | string;
export function compactOrSame(m: FromWorker): FromWorker | string;
export function compactOrSame(m: ToWorker | FromWorker): ToWorker | FromWorker | string;
export function compactOrSame(m: ToWorker | FromWorker): ToWorker | FromWorker | string {
  // the size first: a burst of thousands of tasks need not have its fields checked here
  if (tooLarge(m) || slowWork(m) || !hasOnlyKnownFields(m)) return m;
  return (m.type === 'run' ? compactRun(m) : compactResults(m)) ?? m;
}

/**
 * The compact form of a run or results message for which hasOnlyKnownFields() is true (the
 * caller checked), or null when it has none.
 */
export function compactKnown(m: RunOrResults): string | null {
  if (tooLarge(m) || slowWork(m)) return null;
  return m.type === 'run' ? compactRun(m) : compactResults(m);
}

/** a run marked slow, or results that all took SLOW_TASK_MS or more */
function slowWork(m: ToWorker | FromWorker): boolean {
  if (m.type === 'run') return m.slow === true;
  if (m.type !== 'results') return false;
  for (const r of m.results) if (!(r.ms >= SLOW_TASK_MS)) return false; // (NaN: not slow, and not compact either)
  return true;
}

function tooLarge(m: ToWorker | FromWorker): boolean {
  return (m.type === 'run' && m.tasks.length > MAX_COMPACT_ITEMS) || (m.type === 'results' && m.results.length > MAX_COMPACT_ITEMS);
}

// Built by concatenation (V8 flattens the rope once, when the message is cloned) and read in
// place by FrameReader, at a third of the cost of split.

function compactRun(m: Extract<ToWorker, { type: 'run' }>): string | null {
  if (m.fns !== undefined) return null;
  let frame = RUN_HEAD;
  for (const t of m.tasks) {
    if (t.extra !== undefined || t.handles === true) return null;
    const flatChunk = t.chunk === true && t.flat === true;
    if ((t.chunk === true && !flatChunk) || t.args.length > MAX_COMPACT_ITEMS) return null;
    frame += SEP + intField(t.id) + SEP + intField(t.fn) + SEP + (flatChunk ? FLAT_CHUNK : '') + SEP + intField(t.args.length);
    for (const a of t.args) {
      const token = scalarToken(a);
      if (token === null) return null;
      frame += SEP + token;
    }
  }
  return frame;
}

function compactResults(m: Extract<FromWorker, { type: 'results' }>): string | null {
  let frame = RESULTS_HEAD;
  for (const r of m.results) {
    if (!r.ok || r.handles === true) return null;
    const token = scalarToken(r.value);
    if (token === null) return null;
    const ns = Math.round(r.ms * 1e6);
    if (!Number.isSafeInteger(ns)) return null; // (a run time is always a finite clock difference)
    frame += SEP + intField(r.id) + SEP + intField(ns) + SEP + token;
  }
  return frame;
}

/** the message of a frame for which isCompactProtocolFrame is true */
export function compactProtocolMessage(frame: string): ToWorker | FromWorker {
  const f = new FrameReader(frame, RUN_HEAD.length + 1); // both heads have the same length
  return frame.startsWith(RUN_HEAD) ? readRun(f) : readResults(f);
}

function readRun(f: FrameReader): ToWorker {
  const tasks: TaskMessage[] = [];
  while (!f.done) {
    const id = f.number();
    const fn = f.number();
    const flatChunk = f.string() === FLAT_CHUNK;
    const args = new Array<unknown>(f.number());
    for (let k = 0; k < args.length; k++) args[k] = f.token();
    tasks.push(flatChunk ? { id, fn, args, chunk: true, flat: true } : { id, fn, args });
  }
  return { type: 'run', tasks };
}

function readResults(f: FrameReader): FromWorker {
  const results: TaskResult[] = [];
  while (!f.done) {
    const id = f.number();
    const ms = f.number() / 1e6;
    results.push({ id, ok: true, value: f.token(), ms });
  }
  return { type: 'results', results };
}
