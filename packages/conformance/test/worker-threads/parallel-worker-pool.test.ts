// WorkerPool conformance on the worker_threads backend. WEFT_BACKEND is set before @weft/core loads
// (the suite is imported dynamically afterwards), as in src/run-suites.ts.
import { describe } from 'vitest';

process.env.WEFT_BACKEND = 'worker_threads';
const { parallelWorkerPoolSuite } = await import('../../src/suites/parallel-worker-pool.suite.js');
describe('[worker_threads]', () => parallelWorkerPoolSuite({ backend: 'worker_threads' }));
