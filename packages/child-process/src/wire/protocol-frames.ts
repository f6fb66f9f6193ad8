// Core protocol messages (ToWorker / FromWorker) as frames. 'run' and 'results' are on every
// task's path, so they are laid out flat, a fixed number of slots per task or result:
//
//   RUN      [tag, RUN, fns | undefined, (id, fn, args, flags, extra) × tasks]
//   RESULTS  [tag, RESULTS, (id, status, value | error, ms, index) × results]
//   PROTOCOL [tag, PROTOCOL, message]   everything else, and any message with a field this
//                                       codec does not know (@weft/spi's known-fields.ts)
// A run or results message of plain scalars only goes as one string instead
// (compact-protocol.ts in @weft/spi).
import { PROTOCOL_TAG, compactKnown, compactProtocolMessage, hasOnlyKnownFields, type FnRef, type FromWorker, type TaskMessage, type TaskResult, type ToWorker } from '@weft/spi';
import { PROTOCOL, RESULTS, RUN, type ArrayFrame, type Frame } from './frame.js';

const TASK_SLOTS = 5;
const RESULT_SLOTS = 5;

// TaskMessage flags
const CHUNK = 1;
const FLAT = 2;
const HANDLES = 4;

// TaskResult status
const OK = 0;
const OK_HANDLES = 1;
const FAILED = 2;

export function protocolFrame(m: ToWorker | FromWorker): Frame {
  if (!hasOnlyKnownFields(m)) return [PROTOCOL_TAG, PROTOCOL, m];
  return compactKnown(m) ?? (m.type === 'run' ? runFrame(m) : resultsFrame(m.results));
}

/** the message of a PROTOCOL, RUN or RESULTS frame, or of a compact one */
export function protocolMessage(frame: Frame): ToWorker | FromWorker {
  if (typeof frame === 'string') return compactProtocolMessage(frame);
  switch (frame[1]) {
    case RUN:
      return readRun(frame);
    case RESULTS:
      return readResults(frame);
    default:
      return frame[2] as ToWorker | FromWorker;
  }
}

function runFrame(m: Extract<ToWorker, { type: 'run' }>): ArrayFrame {
  // one task (sequential submits) is one literal: pushing would reallocate the array
  if (m.tasks.length === 1) {
    const t = m.tasks[0] as TaskMessage;
    return [PROTOCOL_TAG, RUN, m.fns, t.id, t.fn, t.args, taskFlags(t), t.extra];
  }
  const frame: ArrayFrame = [PROTOCOL_TAG, RUN, m.fns];
  for (const t of m.tasks) frame.push(t.id, t.fn, t.args, taskFlags(t), t.extra);
  return frame;
}

function taskFlags(t: TaskMessage): number {
  return (t.chunk === true ? CHUNK : 0) | (t.flat === true ? FLAT : 0) | (t.handles === true ? HANDLES : 0);
}

function readRun(frame: ArrayFrame): ToWorker {
  const tasks: TaskMessage[] = [];
  for (let i = 3; i < frame.length; i += TASK_SLOTS) {
    const flags = frame[i + 3] as number;
    const t: { -readonly [K in keyof TaskMessage]: TaskMessage[K] } = { id: frame[i] as number, fn: frame[i + 1] as number, args: frame[i + 2] as unknown[] };
    if (flags & CHUNK) t.chunk = true;
    if (flags & FLAT) t.flat = true;
    if (flags & HANDLES) t.handles = true;
    if (frame[i + 4] !== undefined) t.extra = frame[i + 4] as unknown[];
    tasks.push(t);
  }
  const fns = frame[2] as Array<[number, FnRef]> | undefined;
  return fns === undefined ? { type: 'run', tasks } : { type: 'run', tasks, fns };
}

function resultsFrame(results: readonly TaskResult[]): ArrayFrame {
  if (results.length === 1) {
    const r = results[0] as TaskResult;
    return r.ok ? [PROTOCOL_TAG, RESULTS, r.id, r.handles === true ? OK_HANDLES : OK, r.value, r.ms, undefined] : [PROTOCOL_TAG, RESULTS, r.id, FAILED, r.error, r.ms, r.index];
  }
  const frame: ArrayFrame = [PROTOCOL_TAG, RESULTS];
  for (const r of results) {
    if (r.ok) frame.push(r.id, r.handles === true ? OK_HANDLES : OK, r.value, r.ms, undefined);
    else frame.push(r.id, FAILED, r.error, r.ms, r.index);
  }
  return frame;
}

function readResults(frame: ArrayFrame): FromWorker {
  const results: TaskResult[] = [];
  for (let i = 2; i < frame.length; i += RESULT_SLOTS) {
    const id = frame[i] as number;
    const status = frame[i + 1] as number;
    const ms = frame[i + 3] as number;
    if (status === FAILED) {
      const index = frame[i + 4] as number | undefined;
      const error = frame[i + 2] as Extract<TaskResult, { ok: false }>['error'];
      results.push(index === undefined ? { id, ok: false, error, ms } : { id, ok: false, error, index, ms });
    } else {
      results.push(status === OK_HANDLES ? { id, ok: true, value: frame[i + 2], handles: true, ms } : { id, ok: true, value: frame[i + 2], ms });
    }
  }
  return { type: 'results', results };
}
