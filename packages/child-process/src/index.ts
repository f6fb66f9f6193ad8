export { ChildProcessBackend, childProcessBackend } from './backend.js';
export { EXIT_DRAIN_MS, ProcessWorker, TERMINATE_GRACE_MS } from './process-worker.js';
export { ProcessWorkerSide } from './worker-side.js';
export { EXIT_CODE_PARENT_GONE } from './tree/parent-link.js';
