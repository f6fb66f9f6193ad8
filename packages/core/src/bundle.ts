// The one bundle dist/load.cjs compiles (dist/weft.cjs): the public API, and what a spawned
// worker runs. Both facades (dist/index.js, dist/index.cjs) and the worker entry take them from
// the same evaluated copy, so ESM and CommonJS callers, and a worker's runtime and its task
// modules, share one copy of core's module state.
export * as api from './index.js';
export { startWorker } from './worker-runtime/start-worker.js';
