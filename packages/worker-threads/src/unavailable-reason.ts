// Whether this backend can run here: it needs worker_threads, SharedArrayBuffer (growable,
// for Queue and Condition) and Atomics.waitAsync (so no event loop ever blocks).
import { Worker } from 'node:worker_threads';

export function unavailableReason(): string | null {
  const missing: string[] = [];
  if (typeof Worker !== 'function') missing.push('node:worker_threads (Worker)');
  if (typeof SharedArrayBuffer !== 'function') missing.push('SharedArrayBuffer');
  else if (typeof SharedArrayBuffer.prototype.grow !== 'function') missing.push('growable SharedArrayBuffer (SharedArrayBuffer.prototype.grow)');
  if (typeof Atomics !== 'object' || typeof Atomics.waitAsync !== 'function') missing.push('Atomics.waitAsync');
  if (missing.length === 0) return null;
  return `the worker_threads backend needs ${missing.join(', ')}, which this runtime does not provide; use the child_process backend (WEFT_BACKEND=child_process)`;
}
