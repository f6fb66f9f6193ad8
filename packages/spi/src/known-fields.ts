// Which run and results messages a transport may re-encode field by field (flat frames,
// compact strings): those whose objects carry only the fields named here. Any other message,
// or one with a field added to the protocol later, travels as it is, so nothing is lost.
import type { FromWorker, ToWorker } from './protocol.js';

const RUN_KEYS = new Set(['type', 'tasks', 'fns', 'slow']);
const TASK_KEYS = new Set(['id', 'fn', 'args', 'chunk', 'flat', 'extra', 'handles']);
const RESULTS_KEYS = new Set(['type', 'results']);
const RESULT_KEYS = new Set(['id', 'ok', 'value', 'handles', 'ms', 'error', 'index']);

/** a run or results message */
export type RunOrResults = Extract<ToWorker | FromWorker, { type: 'run' | 'results' }>;

/** true for a run or results message whose every object has only the fields above */
export function hasOnlyKnownFields(m: ToWorker | FromWorker): m is RunOrResults {
  if (m.type === 'run') return onlyKeys(m, RUN_KEYS) && m.tasks.every((t) => onlyKeys(t, TASK_KEYS));
  if (m.type === 'results') return onlyKeys(m, RESULTS_KEYS) && m.results.every((r) => onlyKeys(r, RESULT_KEYS));
  return false;
}

function onlyKeys(o: object, known: ReadonlySet<string>): boolean {
  for (const key in o) if (!known.has(key)) return false;
  return true;
}
